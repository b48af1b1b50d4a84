import Foundation
@testable import SwitchyardControl
import SwitchyardCore
import Testing

@Suite(.serialized) struct ControlAPITests {
    /// Runs `body` against a control server over a fresh demo-catalog engine.
    private func withServer(_ body: (ControlClient, GatewayEngine) async throws -> Void) async throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let engine = try makeControlEngine()
        let running = try await RunningControl.start(
            ControlServer(engine: engine, socketPath: scratch.socketPath, info: { controlTestInfo }))
        do {
            try await body(running.client, engine)
        } catch {
            await running.stop()
            throw error
        }
        await running.stop()
    }

    private func errorMessage(_ reply: ControlClient.Reply) -> String {
        reply.errorMessage ?? "<no error field in \(reply.text)>"
    }

    @Test func malformedBodiesAre400() async throws {
        try await withServer { client, engine in
            let notJSON = try await send(client, "POST", "/v1/deployments/disable", body: "{deployment")
            #expect(notJSON.status == 400)
            #expect(errorMessage(notJSON).contains("not valid JSON"))
            let missing = try await send(client, "POST", "/v1/deployments/weight", body: #"{"deployment":"gpt-4o/openai"}"#)
            #expect(missing.status == 400)
            #expect(errorMessage(missing).contains("missing field 'weight'"))
            let wrongType = try await send(
                client, "POST", "/v1/deployments/weight", body: #"{"deployment":"gpt-4o/openai","weight":"five"}"#)
            #expect(wrongType.status == 400)
            #expect(errorMessage(wrongType).contains("'weight' must be a number"))
            let negative = try await send(
                client, "POST", "/v1/deployments/weight", body: #"{"deployment":"gpt-4o/openai","weight":-1}"#)
            #expect(negative.status == 400)
            #expect(try negative.decode(CommandResult.self).ok == false)
            // Past every Int: formatting it for the audit line trapped once and took the gateway down.
            let huge = try await send(
                client, "POST", "/v1/deployments/weight", body: #"{"deployment":"gpt-4o/openai","weight":1e19}"#)
            #expect(huge.status == 400)
            #expect(try huge.decode(CommandResult.self).message.contains("from 0 to 1000000"))
            let badLimit = try await send(client, "GET", "/v1/audit?limit=lots")
            #expect(badLimit.status == 400)
            // Nothing changed.
            #expect(engine.overrideState().isEmpty)
        }
    }

    @Test func oversizedBodyIs413() async throws {
        try await withServer { client, _ in
            let big = #"{"deployment":""# + String(repeating: "a", count: ControlAPI.maxBodyBytes) + #""}"#
            let reply = try await send(client, "POST", "/v1/deployments/disable", body: big)
            #expect(reply.status == 413)
            #expect(errorMessage(reply).contains("65536"))
        }
    }

    @Test func unknownNamesAre404ListingValidOnes() async throws {
        try await withServer { client, engine in
            let provider = try await send(client, "POST", "/v1/providers/nope/disable")
            #expect(provider.status == 404)
            let providerResult = try provider.decode(CommandResult.self)
            #expect(!providerResult.ok)
            #expect(providerResult.message.contains("openai") && providerResult.message.contains("anthropic"))

            let deployment = try await send(client, "POST", "/v1/deployments/enable", body: #"{"deployment":"gpt-4o/nowhere"}"#)
            #expect(deployment.status == 404)
            #expect(try deployment.decode(CommandResult.self).message.contains("gpt-4o/openai"))

            let model = try await send(client, "POST", "/v1/models/gpt-9/failover", body: #"{"from":"openai"}"#)
            #expect(model.status == 404)
            #expect(try model.decode(CommandResult.self).message.contains("claude-sonnet"))

            let from = try await send(client, "POST", "/v1/models/gpt-4o/failover", body: #"{"from":"groq"}"#)
            #expect(from.status == 404)
            #expect(try from.decode(CommandResult.self).message.contains("gpt-4o/azure"))

            // Path segments are percent-decoded, so any name a client encodes arrives as written.
            let encoded = try await send(client, "POST", "/v1/providers/%6Eope%20x/disable")
            #expect(encoded.status == 404)
            #expect(try encoded.decode(CommandResult.self).message.contains("'nope x'"))
            let decodedName = try await send(client, "POST", "/v1/providers/%61zure/disable")
            #expect(decodedName.status == 200)
            #expect(try await send(client, "POST", "/v1/providers/azure/enable").status == 200)

            let route = try await send(client, "GET", "/v1/nothing")
            #expect(route.status == 404)
            #expect(errorMessage(route).contains("/v1/nothing"))
            // Only the two real changes above were audited.
            #expect(engine.auditRecords(limit: 10).count == 2)
        }
    }

    @Test func disableShowsInStatusAndAudit() async throws {
        try await withServer { client, _ in
            let reply = try await send(client, "POST", "/v1/providers/azure/disable")
            #expect(reply.status == 200)
            let result = try reply.decode(CommandResult.self)
            #expect(result.ok)
            #expect(result.audit?.actor.hasPrefix("ctl:") == true)

            let again = try await send(client, "POST", "/v1/providers/azure/disable")
            #expect(again.status == 200)
            #expect(try again.decode(CommandResult.self).audit == nil)

            let status = try await send(client, "GET", "/v1/status")
            #expect(status.status == 200)
            #expect(status.headers["content-type"] == "application/json")
            let snapshot = try status.decode(GatewaySnapshot.self)
            let azure = try #require(snapshot.providers.first { $0.name == "azure" })
            #expect(!azure.enabled)
            #expect(azure.status == .disabled)
            #expect(snapshot.providers.first { $0.name == "openai" }?.enabled == true)
            #expect(snapshot.deployments.first { $0.id == "gpt-4o/azure" }?.trafficShare == 0)

            let weight = try await send(
                client, "POST", "/v1/deployments/weight", body: #"{"deployment":"gpt-4o/openai","weight":5}"#)
            #expect(weight.status == 200)
            let audit = try await send(client, "GET", "/v1/audit?limit=1")
            let records = try audit.decode([AuditRecord].self)
            #expect(records.count == 1)
            #expect(records.first?.action == "set weight of gpt-4o/openai to 5")

            let undo = try await send(client, "POST", "/v1/undo")
            #expect(undo.status == 200)
            let reset = try await send(client, "POST", "/v1/reset")
            #expect(reset.status == 200)
            // Undo walks back the reset, then the disable; after that there is nothing left.
            #expect(try await send(client, "POST", "/v1/undo").status == 200)
            #expect(try await send(client, "POST", "/v1/undo").status == 200)
            let nothing = try await send(client, "POST", "/v1/undo")
            #expect(nothing.status == 409)
            #expect(try nothing.decode(CommandResult.self).ok == false)
        }
    }

    @Test func feedStreamsSnapshotLines() async throws {
        try await withServer { client, _ in
            let lines = try await offPool { try readFeedLines(client.socketPath, count: 3, intervalMS: 10) }
            #expect(lines.head.contains("application/x-ndjson"))
            #expect(lines.body.count == 3)
            for line in lines.body {
                let snapshot = try ControlJSON.decode(GatewaySnapshot.self, from: Data(line.utf8))
                #expect(snapshot.info.mode == "test")
            }
        }
    }
}

/// Reads the response head and the first `count` NDJSON lines of a feed, then hangs up.
private func readFeedLines(_ path: String, count: Int, intervalMS: Int) throws -> (head: String, body: [String]) {
    let fd = try UnixSocket.connect(path: path)
    defer { close(fd) }
    let request = "GET /v1/feed?interval_ms=\(intervalMS) HTTP/1.1\r\nHost: localhost\r\n\r\n"
    _ = request.withCString { write(fd, $0, strlen($0)) }
    var received = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    var tv = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { throw ControlTestFailure(description: "feed ended early: \(String(decoding: received, as: UTF8.self).prefix(300))") }
        received.append(contentsOf: buffer[0..<n])
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { continue }
        // Chunked framing: keep only lines that are JSON objects.
        let lines = text[split.upperBound...].split(separator: "\r\n").flatMap { $0.split(separator: "\n") }
            .filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map(String.init)
        if lines.count >= count { return (String(text[..<split.lowerBound]).lowercased(), Array(lines.prefix(count))) }
    }
}
