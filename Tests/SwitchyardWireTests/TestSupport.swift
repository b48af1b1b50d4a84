import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

/// Parses JSON text into a tree; integral doubles become ints so `1` and `1.0` compare equal.
func tree(_ text: String) throws -> JSONValue {
    normalized(try WireCoding.decode(JSONValue.self, from: text))
}

func tree(_ data: Data) throws -> JSONValue {
    normalized(try WireCoding.decode(JSONValue.self, from: data))
}

func normalized(_ value: JSONValue) -> JSONValue {
    switch value {
    case .double(let d) where d.rounded() == d && abs(d) < 1e15: return .int(Int(d))
    case .array(let a): return .array(a.map(normalized))
    case .object(let o): return .object(o.mapValues(normalized))
    default: return value
    }
}

/// Decodes `json` as `T`, encodes it again and checks that the JSON trees match exactly.
@discardableResult
func expectRoundTrip<T: Codable & WireDecodable & WireEncodable & Equatable>(
    _ json: String, as type: T.Type, sourceLocation: SourceLocation = #_sourceLocation
) throws -> T {
    let value = try WireCoding.decode(T.self, from: json)
    // The plain Decodable conformance (any decoder) agrees with the tree decoding.
    #expect(try JSONDecoder().decode(T.self, from: Data(json.utf8)) == value, sourceLocation: sourceLocation)
    let encoded = try WireCoding.encode(value)
    let original = try tree(json)
    let again = try tree(encoded)
    #expect(again == original, "\(String(decoding: encoded, as: UTF8.self))", sourceLocation: sourceLocation)
    // The plain Encodable conformance (any encoder) writes the same JSON.
    #expect(try tree(JSONEncoder().encode(value)) == again, sourceLocation: sourceLocation)
    // Decoding the re-encoded form gives the same typed value.
    let twice = try WireCoding.decode(T.self, from: encoded)
    let reencoded = try tree(WireCoding.encode(twice))
    #expect(reencoded == again, sourceLocation: sourceLocation)
    return value
}

/// Encodes a value and returns its JSON tree.
func encodedTree<T: Encodable>(_ value: T) throws -> JSONValue {
    try tree(WireCoding.encode(value))
}
