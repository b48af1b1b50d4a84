@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

/// Objects keep their members' order and answer lookups the same way below and above the size at which they
/// start indexing names.
@Suite struct JSONObjectTests {
    static let sizes = [3, JSONObject.indexedFrom - 1, JSONObject.indexedFrom, JSONObject.indexedFrom * 4]

    @Test(arguments: sizes)
    func membersKeepTheirOrderAndLookupsFindThem(_ size: Int) {
        let names = (0..<size).map { "k\(size - $0)" }
        var object = JSONObject()
        for (n, name) in names.enumerated() { object[name] = .int(n) }
        #expect(object.keys == names)
        #expect(object.count == size)
        for (n, name) in names.enumerated() { #expect(object[name] == .int(n)) }
        #expect(object["missing"] == nil)
        // Replacing keeps the position; removing closes the gap; a new name goes last.
        object[names[0]] = .string("first")
        object[names[1]] = nil
        object["new"] = .bool(true)
        #expect(object.keys == [names[0]] + names.dropFirst(2) + ["new"])
        #expect(object[names[0]] == .string("first"))
        #expect(object[names[1]] == nil)
        #expect(object[names[size - 1]] == .int(size - 1))
        #expect(object["new"] == .bool(true))
    }

    @Test(arguments: sizes)
    func equalityAndHashingIgnoreOrder(_ size: Int) {
        let members = (0..<size).map { ("m\($0)", JSONValue.int($0)) }
        let forward = JSONObject(members: members)
        let backward = JSONObject(members: members.reversed())
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        var changed = backward
        changed["m0"] = .int(-1)
        #expect(forward != changed)
        #expect(Set([forward, backward, changed]).count == 2)
    }

    @Test func aRepeatedNameKeepsItsFirstPositionAndItsLastValue() throws {
        let parsed = try JSONParser.parse(Array(#"{"a":1,"b":2,"a":3}"#.utf8))
        guard case .object(let object) = parsed else {
            Issue.record("not an object: \(parsed)")
            return
        }
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == .int(3))
    }
}
