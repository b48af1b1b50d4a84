import Foundation
import SwitchyardCore
import SwitchyardJSON
import SwitchyardSim
import SwitchyardWire
import Testing

/// Streaming rules: fall back freely until the first byte; after it, a broken upstream ends the client's
/// stream with an error event in its own format, never a clean end; translated streams carry tool calls.
@Suite("Gateway streaming")
struct GatewayStreamingTests {
    /// A primary whose first content event is garbage fails before any byte reached the client.
    static let brokenFirstEvent = FaultProfile(malformedProbability: 1)
    /// A primary that closes the connection part-way through the content.
    static let cutMidway = FaultProfile(streamCutProbability: 1)

    @Test("a stream failing before its first content falls back; the client sees one clean stream")
    func fallbackBeforeFirstByte() async throws {
        let sims = [gatewaySimOptions(name: "broken", faults: Self.brokenFirstEvent), gatewaySimOptions(name: "backup")]
        try await withGateway(sims: sims, yaml: { GatewayYAML.primaryAndBackup($0) }) { gw in
            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true))
            #expect(stream.status == 200)
            #expect(stream.failure == nil)
            #expect(stream.headers.first(name: "x-switchyard-deployment") == "chat/backup")
            #expect(stream.events.last?.isDone == true)
            let chunks = jsonEvents(stream)
            #expect(chunks.allSatisfy { $0["error"] == nil })
            // One upstream stream only: every chunk carries the same completion id, one role delta.
            #expect(Set(chunks.compactMap { $0["id"]?.stringValue }).count == 1)
            let roles = chunks.filter { $0["choices"]?.arrayValue?.first?["delta"]?["role"] != nil }
            #expect(roles.count == 1)
            #expect(try await gw.sims[0].stats().requests >= 1)
        }
    }

    @Test("a stream refused with a 503 falls back")
    func fallbackOnErrorStatus() async throws {
        let sims = [gatewaySimOptions(name: "overloaded", faults: FaultProfile(errorRates: [503: 1])),
                    gatewaySimOptions(name: "backup")]
        try await withGateway(sims: sims, yaml: { GatewayYAML.primaryAndBackup($0) }) { gw in
            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true))
            #expect(stream.status == 200)
            #expect(stream.headers.first(name: "x-switchyard-deployment") == "chat/backup")
            #expect(stream.events.last?.isDone == true)
            #expect(jsonEvents(stream).allSatisfy { $0["error"] == nil })
        }
    }

    @Test("an Anthropic client's stream falls back before its first content the same way")
    func anthropicFallbackBeforeFirstByte() async throws {
        let sims = [gatewaySimOptions(name: "broken", faults: Self.brokenFirstEvent), gatewaySimOptions(name: "backup")]
        try await withGateway(sims: sims, yaml: {
            GatewayYAML.primaryAndBackup($0, primaryKind: "anthropic", backupKind: "anthropic", model: "claude-sonnet-4-5")
        }) { gw in
            let stream = try await gw.stream("/v1/messages", messagesBody(model: "chat", stream: true))
            #expect(stream.status == 200)
            #expect(stream.failure == nil)
            #expect(stream.headers.first(name: "x-switchyard-deployment") == "chat/backup")
            let names = stream.events.map { $0.event ?? "" }
            #expect(names.filter { $0 == "message_start" }.count == 1)
            #expect(names.last == "message_stop")
            #expect(!names.contains("error"))
        }
    }

    @Test("a stream cut after its first byte ends with an OpenAI error event, without falling back")
    func openAICutAfterFirstByte() async throws {
        let sims = [gatewaySimOptions(name: "cut", faults: Self.cutMidway, median: 80), gatewaySimOptions(name: "backup")]
        try await withGateway(sims: sims, yaml: { GatewayYAML.primaryAndBackup($0) }) { gw in
            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true))
            #expect(stream.status == 200)
            #expect(!stream.events.contains { $0.isDone })
            let contents = jsonEvents(stream).compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue }
            #expect(contents.contains { !$0.isEmpty })
            let last = try #require(stream.events.last)
            let error = try #require(try WireCoding.parse(Data(last.data.utf8))["error"])
            #expect(error["message"]?.stringValue?.isEmpty == false)
            #expect(error["type"]?.stringValue != nil)
            #expect(try await gw.sims[1].stats().requests == 0)
            let id = try #require(stream.headers.first(name: "x-request-id"))
            let record = try #require(await gw.awaitRecord(id))
            #expect(record.status == 502)
        }
    }

    @Test("a stream cut after its first byte ends with an Anthropic error event, without falling back")
    func anthropicCutAfterFirstByte() async throws {
        let sims = [gatewaySimOptions(name: "cut", faults: Self.cutMidway, median: 80), gatewaySimOptions(name: "backup")]
        try await withGateway(sims: sims, yaml: {
            GatewayYAML.primaryAndBackup($0, primaryKind: "anthropic", backupKind: "anthropic", model: "claude-sonnet-4-5")
        }) { gw in
            let stream = try await gw.stream("/v1/messages", messagesBody(model: "chat", stream: true))
            #expect(stream.status == 200)
            let names = stream.events.map { $0.event ?? "" }
            #expect(names.contains("content_block_delta"))
            #expect(!names.contains("message_stop"))
            let last = try #require(stream.events.last)
            #expect(last.event == "error")
            let body = try WireCoding.parse(Data(last.data.utf8))
            #expect(body["type"]?.stringValue == "error")
            #expect(body["error"]?["message"]?.stringValue?.isEmpty == false)
            #expect(try await gw.sims[1].stats().requests == 0)
        }
    }

    @Test("an OpenAI client's stream from a cut Anthropic upstream ends with an OpenAI error event")
    func translatedCutKeepsClientFormat() async throws {
        let sims = [gatewaySimOptions(name: "cut", faults: Self.cutMidway, median: 80)]
        try await withGateway(sims: sims, yaml: { GatewayYAML.single($0[0], kind: "anthropic", model: "claude-sonnet-4-5") }) { gw in
            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true))
            #expect(stream.status == 200)
            #expect(!stream.events.contains { $0.isDone })
            #expect(stream.events.allSatisfy { $0.event == nil })
            let last = try #require(stream.events.last)
            #expect(try WireCoding.parse(Data(last.data.utf8))["error"]?["message"] != nil)
        }
    }

    @Test("an OpenAI client streaming from an Anthropic upstream gets the tool call")
    func anthropicToOpenAIToolCall() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "anthropic")], yaml: {
            GatewayYAML.single($0[0], kind: "anthropic", model: "claude-sonnet-4-5")
        }) { gw in
            let body = chatBody(model: "chat", stream: true, content: "Weather in Paris for 3 days?",
                                extra: #","tools":[\#(weatherToolOpenAI)]"#)
            let stream = try await gw.stream("/v1/chat/completions", body)
            #expect(stream.status == 200)
            #expect(stream.events.last?.isDone == true)
            let deltas = jsonEvents(stream).flatMap { chunk in
                (chunk["choices"]?.arrayValue ?? []).flatMap { $0["delta"]?["tool_calls"]?.arrayValue ?? [] }
            }
            let named = deltas.compactMap { $0["function"]?["name"]?.stringValue }
            #expect(named == ["get_weather"])
            #expect(deltas.first?["id"]?.stringValue?.isEmpty == false)
            let arguments = deltas.compactMap { $0["function"]?["arguments"]?.stringValue }.joined()
            let parsed = try WireCoding.parse(Data(arguments.utf8))
            #expect(parsed["city"]?.stringValue != nil)
            let finishes = jsonEvents(stream).compactMap { $0["choices"]?.arrayValue?.first?["finish_reason"]?.stringValue }
            #expect(finishes == ["tool_calls"])
        }
    }

    @Test("an Anthropic client streaming from an OpenAI upstream gets the tool use")
    func openAIToAnthropicToolUse() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "openai")], yaml: { GatewayYAML.single($0[0]) }) { gw in
            let body = messagesBody(model: "chat", stream: true, content: "Weather in Paris?",
                                    extra: #","tools":[\#(weatherToolAnthropic)]"#)
            let stream = try await gw.stream("/v1/messages", body)
            #expect(stream.status == 200)
            #expect(stream.events.last?.event == "message_stop")
            let events = jsonEvents(stream)
            let starts = events.filter { $0["type"]?.stringValue == "content_block_start" }
            let toolStart = try #require(starts.first { $0["content_block"]?["type"]?.stringValue == "tool_use" })
            #expect(toolStart["content_block"]?["name"]?.stringValue == "get_weather")
            #expect(toolStart["content_block"]?["id"]?.stringValue?.isEmpty == false)
            let partial = events.compactMap { event -> String? in
                guard event["delta"]?["type"]?.stringValue == "input_json_delta" else { return nil }
                return event["delta"]?["partial_json"]?.stringValue
            }.joined()
            let input = try WireCoding.parse(Data(partial.utf8))
            #expect(input["city"]?.stringValue != nil)
            let stop = events.first { $0["type"]?.stringValue == "message_delta" }?["delta"]?["stop_reason"]?.stringValue
            #expect(stop == "tool_use")
        }
    }
}
