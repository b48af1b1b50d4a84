import Synchronization
import Testing
@testable import SwitchyardCore

@Suite struct TraceRecorderTests {
    /// An archive that keeps what it is given.
    final class MemoryArchive: TraceArchive {
        let stored = Mutex<[RequestTrace]>([])
        func store(_ traces: [RequestTrace]) async throws { stored.withLock { $0 += traces } }
        func traces(matching query: TraceQuery) async throws -> [RequestTrace] {
            stored.withLock { $0 }.filter(query.matches).reversed()
        }
        func trace(id: String) async throws -> RequestTrace? { stored.withLock { $0 }.first { $0.id == id } }
    }

    private func trace(_ id: String, time: Double = 100) -> RequestTrace {
        let record = RequestRecord(
            id: id, time: time, model: "gpt", servedBy: nil, key: nil, team: nil, status: 200, latency: 0.5,
            timeToFirstToken: nil, inputTokens: 0, outputTokens: 0, cost: 0, stream: false, fellBack: false,
            errorMessage: nil, attempts: [])
        return RequestTrace(record: record, traceID: String(repeating: "a", count: 32), parentSpanID: nil, spans: [
            TraceSpan(spanID: "0000000000000001", parentSpanID: nil, name: .request, start: 0, duration: 0.5),
        ])
    }

    @Test func aTraceEvictedFromTheRingIsFoundUntilItIsArchived() async throws {
        var config = TracingConfig()
        config.ringCapacity = 1
        let archive = MemoryArchive()
        let recorder = TraceRecorder(config: config, archive: archive)
        recorder.record(trace("a"))
        recorder.record(trace("b"))
        #expect(try await recorder.trace(id: "a")?.id == "a")
        #expect(try await recorder.flush() == 2)
        #expect(archive.stored.withLock { $0 }.map(\.id) == ["a", "b"])
        #expect(try await recorder.trace(id: "a")?.id == "a")
    }
}
