import SwitchyardCore
import SwitchyardJSON
@testable import SwitchyardSimServer
import SwitchyardWire
import Testing

@Suite struct SimulatorContentTests {
    @Test func piecesAreWordsThatConcatenate() {
        var rng = SeededGenerator(seed: 5)
        let pieces = SimulatorText.pieces(count: 120, endsNaturally: true, using: &rng)
        #expect(pieces.count == 120)
        let text = pieces.joined()
        #expect(text.split(whereSeparator: \.isWhitespace).count == 120)
        #expect(text.hasSuffix("."))
        #expect(text.first?.isUppercase == true)
        #expect(text.contains("\n\n"))
    }

    @Test func lengthCutDoesNotEndTheSentence() {
        var rng = SeededGenerator(seed: 5)
        let pieces = SimulatorText.pieces(count: 3, endsNaturally: false, using: &rng)
        #expect(pieces.joined().hasSuffix(".") == false)
    }

    @Test func stopsCutAtTheEarliestMatch() {
        let pieces = ["One", " two", " three.", "\n\nFour", " five"]
        let (kept, matched) = SimulatorText.applyingStops(pieces, stops: ["five", "\n\n", "o t"])
        #expect(matched == "o t")
        #expect(kept == ["One", " tw"])
        let (paragraph, stop) = SimulatorText.applyingStops(pieces, stops: ["\n\n"])
        #expect(stop == "\n\n")
        #expect(paragraph == ["One", " two", " three."])
        let (all, none) = SimulatorText.applyingStops(pieces, stops: ["zebra", ""])
        #expect(none == nil)
        #expect(all == pieces)
    }

    @Test func toolArgumentsFillRequiredProperties() throws {
        let schema = try #require(JSONValue(parsing: """
        {"type":"object","required":["city","unit","count","ratio","flags","when","nested"],"properties":{
          "city":{"type":"string"},"unit":{"type":"string","enum":["fahrenheit","celsius"]},
          "count":{"type":"integer","minimum":3,"maximum":5},"ratio":{"type":["number","null"]},
          "flags":{"type":"array","items":{"type":"boolean"}},"when":{"type":"string","format":"date"},
          "nested":{"type":"object","required":["id"],"properties":{"id":{"type":"integer"}}},
          "optional":{"type":"string"}}}
        """))
        var rng = SeededGenerator(seed: 1)
        let arguments = SimulatorToolArguments.make(schema: schema, using: &rng)
        #expect(arguments["city"]?.stringValue?.isEmpty == false)
        #expect(arguments["unit"] == "fahrenheit")
        #expect((3...5).contains(arguments["count"]?.intValue ?? 0))
        #expect(arguments["ratio"]?.doubleValue != nil)
        #expect(arguments["flags"] == [true])
        #expect(arguments["when"] == "2026-03-14")
        #expect(arguments["nested"]?["id"]?.intValue != nil)
        #expect(arguments["optional"] == nil)
        #expect(SimulatorToolArguments.make(schema: nil, using: &rng) == .object([:]))
    }

    @Test func argumentFragmentsConcatenate() {
        let call = SimulatedToolCall(
            id: "call_1", name: "f", input: ["city": "Paris"],
            arguments: #"{"city":"Paris","note":"a longer value to split"}"#, tokens: 10
        )
        #expect(call.argumentFragments.count > 2)
        #expect(call.argumentFragments.joined() == call.arguments)
    }

    @Test func chunksGroupAFewPieces() {
        let pieces = (0..<10).map { " w\($0)" }
        let chunks = SimulatorChunking.chunks(pieces)
        #expect(chunks.map(\.tokens) == [1, 2, 3, 1, 2, 1])
        #expect(chunks.map(\.text).joined() == pieces.joined())
    }
}
