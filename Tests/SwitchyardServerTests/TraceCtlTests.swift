import Foundation
@testable import SwitchyardControl
import SwitchyardCore
import Testing

/// `switchyard ctl trace` and `ctl traces` as an operator runs them: the built binary against a control socket
/// whose engine has recorded traces.
@Suite(.serialized) struct TraceCtlTests {
    /// Four traces, recorded and archived (the ring keeps three, so the oldest is read from the archive).
    private func recorded(_ control: TracedControl) async throws -> [RequestTrace] {
        let traces = (0..<4).map { i in
            TraceSamples.trace(i, time: TraceSamples.start + Double(i), status: i == 3 ? 503 : 200,
                               key: i % 2 == 0 ? "team-a/ci" : "team-b/web")
        }
        for trace in traces { control.recorder.record(trace) }
        _ = try await control.recorder.flush()
        return traces
    }

    @Test func traceTextIsTheWaterfallAndJSONIsTheTrace() async throws {
        try await TracedControl.with { control in
            let traces = try await recorded(control)
            let socket = control.running.socketPath
            let text = try await ctl(socket, ["trace", traces[1].id])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout == TraceWaterfall.render(traces[1]) + "\n")
            let json = try await ctl(socket, ["trace", traces[1].id, "--json"])
            #expect(json.status == 0)
            // The trace as the control API writes it (dollars and seconds without float noise), decodable again.
            #expect(json.stdout == String(decoding: try ControlJSON.encode(traces[1], pretty: true), as: UTF8.self) + "\n")
            #expect(try ControlJSON.decode(RequestTrace.self, from: Data(json.stdout.utf8)).id == traces[1].id)
        }
    }

    @Test func anUnknownIDFailsWithItsName() async throws {
        try await TracedControl.with { control in
            _ = try await recorded(control)
            let run = try await ctl(control.running.socketPath, ["trace", "req-ghost"])
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("no trace for request 'req-ghost'"), "\(run.stderr)")
        }
    }

    @Test func tracesListsFiltersAndExports() async throws {
        try await TracedControl.with { control in
            let traces = try await recorded(control)
            let socket = control.running.socketPath
            let all = try await ctl(socket, ["traces"])
            #expect(all.status == 0, "\(all.stderr)")
            let lines = all.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("TIME (UTC)") == true)
            #expect(lines.dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true)[2] }
                    == traces.reversed().map { Substring($0.id) }, "\(all.stdout)")

            let failed = try await ctl(socket, ["traces", "--status", ">=500", "--json"])
            #expect(failed.status == 0, "\(failed.stderr)")
            let list = try ControlJSON.decode(TraceList.self, from: Data(failed.stdout.utf8))
            #expect(list.traces.map(\.id) == [traces[3].id])

            let keyed = try await ctl(socket, ["traces", "--filter", "key=team-b/web", "--limit", "1", "--json"])
            #expect(try ControlJSON.decode(TraceList.self, from: Data(keyed.stdout.utf8)).traces.map(\.id) == [traces[3].id])

            let none = try await ctl(socket, ["traces", "--model", "claude"])
            #expect(none.status == 0)
            #expect(none.stdout == "no traces match\n")

            let file = NSTemporaryDirectory() + "switchyard-otlp-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).json"
            defer { try? FileManager.default.removeItem(atPath: file) }
            let export = try await ctl(socket, ["trace", traces[0].id, "--otlp", file])
            #expect(export.status == 0, "\(export.stderr)")
            #expect(export.stdout.contains("\(traces[0].spans.count) spans"))
            let decoded = try JSONDecoder().decode(OTLPTraceExport.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
            #expect(decoded.resourceSpans.flatMap(\.scopeSpans).flatMap(\.spans).map(\.spanId) == traces[0].spans.map(\.spanID))

            let listFile = file + ".list"
            defer { try? FileManager.default.removeItem(atPath: listFile) }
            let listed = try await ctl(socket, ["traces", "--status", ">=500", "--otlp", listFile])
            #expect(listed.status == 0, "\(listed.stderr)")
            let exported = try JSONDecoder().decode(OTLPTraceExport.self, from: Data(contentsOf: URL(fileURLWithPath: listFile)))
            #expect(Set(exported.resourceSpans.flatMap(\.scopeSpans).flatMap(\.spans).map(\.traceId)) == [traces[3].traceID])

            // Usage errors are caught before asking the gateway.
            #expect(try await ctl(socket, ["traces", "--filter", "stauts>1"]).status == 2)
            #expect(try await ctl(socket, ["traces", "--since", "yesterday"]).status == 2)
            #expect(try await ctl(socket, ["traces", "--limit", "0"]).status == 2)
        }
    }
}
