import Testing
@testable import SwitchyardCore

@Suite struct TraceRedactorTests {
    @Test func credentialFieldsLoseTheirValuesButMaxTokensStays() {
        let body = #"{"api_key":"abc123","max_tokens":50,"password": "hunter2","apiKey":"k1","x-api-key":"k2","#
            + #""Authorization":"Bearer zzz","client_secret":"s3","token":"t4","model":"gpt-4o"}"#
        let out = TraceRedactor.redact(body)
        #expect(out == #"{"api_key":"[redacted]","max_tokens":50,"password": "[redacted]","apiKey":"[redacted]","#
            + #""x-api-key":"[redacted]","Authorization":"[redacted]","client_secret":"[redacted]","#
            + #""token":"[redacted]","model":"gpt-4o"}"#)
    }

    @Test func fieldValuesWithEscapedQuotesAreRemovedWhole() {
        let out = TraceRedactor.redact(#"{"secret":"a\"b\\","next":"kept"}"#)
        #expect(out == #"{"secret":"[redacted]","next":"kept"}"#)
    }

    @Test func jsonNestedInAStringIsRedactedToo() {
        let body = #"{"content":"my config is {\"api_key\": \"hunter2hunter2\", \"n\": 1}"}"#
        let out = TraceRedactor.redact(body)
        #expect(!out.contains("hunter2"))
        #expect(out.contains(#"\"api_key\": \"[redacted]\""#))
    }

    @Test func bearerTokensAndKeyShapedStringsAreRedacted() {
        #expect(TraceRedactor.redact("Authorization: Bearer abcdefghijklmnop") == "Authorization: Bearer [redacted]")
        #expect(TraceRedactor.redact("use sk-live-ABCDEF0123456789abcdef now") == "use [redacted] now")
        #expect(TraceRedactor.redact("k=sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAA.") == "k=[redacted].")
        let virtualKey = "sk-sy-" + String(repeating: "a1B2", count: 11)
        #expect(TraceRedactor.redact("key \(virtualKey)") == "key [redacted]")
    }

    @Test func ordinaryTextIsLeftAlone() {
        let texts = [
            "API key 'ci' (sk-sy-abcd…) was revoked", // a display prefix is meant to be shown
            "task-force-alpha-bravo-charlie-delta", // "sk-" inside a word
            #"{"max_tokens":100,"tokens":3,"messages":[{"role":"user","content":"hi"}]}"#,
            "WWW-Authenticate: Bearer realm",
            "upstreams of 'gpt' failed; attempts: gpt/openai 503",
        ]
        for text in texts { #expect(TraceRedactor.redact(text) == text) }
    }

    @Test func anUnterminatedSecretAtTheEndIsStillRemoved() {
        #expect(TraceRedactor.redact(#"{"password":"hunt"#) == #"{"password":"[redacted]"#)
    }

    @Test func bodiesAreCutAtTheCapOnACharacterBoundary() {
        let small = TraceBody.capture(Array("hello".utf8), maxBytes: 10)
        #expect(small.text == "hello" && !small.truncated)
        let long = TraceBody.capture(Array(String(repeating: "x", count: 100).utf8), maxBytes: 10)
        #expect(long.text == String(repeating: "x", count: 10) && long.truncated)
        // "é" is two bytes: a cap of 5 keeps two of them, not half of the third.
        let accents = TraceBody.capture(Array("ééé".utf8), maxBytes: 5)
        #expect(accents.text == "éé" && accents.truncated)
    }

    @Test func aKeyStraddlingTheCapLeavesNothingOfItself() {
        let body = "prefix sk-live-ABCDEF0123456789abcdefXYZ and more"
        let cut = TraceBody.capture(Array(body.utf8), maxBytes: 20)
        #expect(!cut.text.contains("sk-live") && !cut.text.contains("ABCDEF"))
        #expect(cut.truncated)
    }

    @Test func aStreamBufferKeepsTheCapAndNotesWhatItDropped() {
        var buffer = TraceBodyBuffer(maxBytes: 8)
        buffer.append(Array("data: 1\n\n".utf8))
        buffer.append(Array(String(repeating: "z", count: 2000).utf8))
        let (text, truncated) = buffer.finish()
        #expect(text == "data: 1\n")
        #expect(truncated)
        var whole = TraceBodyBuffer(maxBytes: 100)
        whole.append(Array("data: 1\n\n".utf8))
        let kept = whole.finish()
        #expect(kept.text == "data: 1\n\n" && !kept.truncated)
    }

    @Test func numbersAreWrittenInPlainDecimal() {
        #expect(TraceAttribute("c", number: 0.0000025).value == "0.0000025")
        #expect(TraceAttribute("c", number: 3).value == "3")
        #expect(TraceAttribute("c", number: 0.5).value == "0.5")
        #expect(TraceAttribute("t", seconds: 0.1 + 0.2).value == "0.3")
        #expect(TraceAttribute("n", int: -4).value == "-4")
    }
}
