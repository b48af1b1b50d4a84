import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

@Suite struct JSONValueTests {
    @Test func parsesEveryKind() throws {
        let value = try WireCoding.parse(Data(#" {"a": [1, -2, 3.5, 1e3, -0.25E-2, true, false, null, "x"], "b": {}} "#.utf8))
        #expect(value == [
            "a": [1, -2, 3.5, 1000.0, -0.0025, true, false, nil, "x"],
            "b": [:],
        ])
    }

    @Test func integersStayExact() throws {
        #expect(try WireCoding.parse(Data("9007199254740993".utf8)) == .int(9_007_199_254_740_993))
        #expect(try WireCoding.parse(Data("-9223372036854775808".utf8)) == .int(Int.min))
        #expect(try WireCoding.parse(Data("9223372036854775808".utf8)) == .double(9_223_372_036_854_775_808))
        #expect(try WireCoding.parse(Data("2.0".utf8)) == .double(2))
        let encoded = try WireCoding.encodeString(JSONValue.object(["big": .int(9_007_199_254_740_993)]))
        #expect(encoded == #"{"big":9007199254740993}"#)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try WireCoding.parse(Data(#"["a\"b\\c\/d\n\t\r\b\f", "\u00e9\u4e2d", "\ud83d\ude00", "raw é ✓ 😀"]"#.utf8))
        #expect(value == ["a\"b\\c/d\n\t\r\u{8}\u{C}", "é中", "😀", "raw é ✓ 😀"])
        // A lone surrogate becomes U+FFFD rather than failing the whole request.
        #expect(try WireCoding.parse(Data(#""\ud83d""#.utf8)) == "\u{FFFD}")
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "01", "1.", "-", "1e", "tru", "nul", "\"abc", "[1] 2",
        "\"\u{01}\"", "{'a':1}", "\"\\x\"", "\"\\u12\"", "NaN",
    ])
    func rejectsMalformedJSON(text: String) {
        #expect(throws: DecodingError.self) { try WireCoding.parse(Data(text.utf8)) }
    }

    @Test func rejectsAbsurdNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: DecodingError.self) { try WireCoding.parse(Data(deep.utf8)) }
    }

    @Test func jsonStringRoundTrips() {
        let value: JSONValue = ["location": "Paris", "days": 3, "ratio": 0.5, "tags": ["a", nil]]
        #expect(JSONValue(parsing: value.jsonString()) == value)
        #expect(JSONValue(parsing: "{not json") == nil)
    }

    @Test func shapeMismatchesAreDecodingErrors() {
        #expect(throws: DecodingError.self) {
            try WireCoding.decode(ChatCompletionRequest.self, from: #"{"model":"m","messages":"hi"}"#)
        }
        #expect(throws: DecodingError.self) {
            try WireCoding.decode(ChatCompletionRequest.self, from: #"{"messages":[]}"#)
        }
        #expect(throws: DecodingError.self) {
            try WireCoding.decode(ChatCompletionRequest.self, from: #"{"model":"m","messages":[],"max_tokens":1.5}"#)
        }
    }

    @Test func foundationDecoderStillWorks() throws {
        let json = #"{"n":1,"d":1.5,"s":"x","b":true,"z":null,"a":[{"k":[]}]}"#
        let viaFoundation = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        #expect(viaFoundation == (try WireCoding.parse(Data(json.utf8))))
    }
}

@Suite struct DecodingErrorTests {
    func description(_ json: String) -> String? {
        do {
            _ = try WireCoding.decode(ChatCompletionRequest.self, from: json)
            return nil
        } catch let error as DecodingError {
            return error.wireDescription
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func errorsNameWhereTheBodyIsWrong() {
        #expect(description(#"{"model":"m"}"#) == #"Missing member "messages""#)
        #expect(description(#"{"model":"m","messages":[{"role":"user","content":"a"},{"content":"b"}]}"#)
            == #"messages[1]: missing member "role""#)
        #expect(description(#"{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":7}]}]}"#)
            == "messages[0].content[0].text: Expected a string, found a number")
        #expect(description(#"{"model":"m","messages":[],"max_tokens":"lots"}"#)
            == "max_tokens: Expected an integer, found a string")
        #expect(description(#"{"model":"m","messages":[],}"#)?.hasPrefix("Invalid JSON at byte") == true)
        #expect(description(#"{"model":"m","messages":[]}"#) == nil)
    }
}
