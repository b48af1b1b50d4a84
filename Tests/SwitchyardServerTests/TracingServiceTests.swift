import Foundation
import Logging
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Synchronization
import Testing

/// The flush loop `switchyard serve` runs: settled traces reach the archive while it runs, the rest when it stops,
/// and a failing archive neither stops it nor loses traces.
@Suite struct TracingServiceTests {
    /// An archive that refuses every write until told otherwise.
    final class FlakyArchive: TraceArchive {
        let failing = Mutex(true)
        let stored = Mutex<[RequestTrace]>([])
        let attempts = Mutex(0)

        func store(_ traces: [RequestTrace]) async throws {
            attempts.withLock { $0 += 1 }
            if failing.withLock({ $0 }) { throw StoreError.writerClosed }
            stored.withLock { $0 += traces }
        }

        func traces(matching query: TraceQuery) async throws -> [RequestTrace] { [] }
        func trace(id: String) async throws -> RequestTrace? { nil }
    }

    /// Polls `condition` every 10 ms for up to 10 s (an outcome to wait for, not a timing to assert).
    private func eventually(_ condition: () throws -> Bool) async throws -> Bool {
        for _ in 0..<1_000 {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return try condition()
    }

    @Test func settledTracesAreArchivedWhileRunningAndTheRestOnStop() async throws {
        let now = Date().timeIntervalSince1970
        guard let service = TracingService.make(config: TracingConfig(), database: try TraceDatabase()),
              let store = service.store else {
            Issue.record("tracing is on by default and has a database")
            return
        }
        let old = (0..<3).map { TraceSamples.trace($0, time: now - 60) }
        for trace in old { service.recorder.record(trace) }
        let running = Task { await service.run(logger: quietLogger, interval: .milliseconds(20)) }
        #expect(try await eventually { try store.count() == 3 })
        // Just finished: not settled yet, so only the stop flushes it.
        let fresh = TraceSamples.trace(9, time: Date().timeIntervalSince1970)
        service.recorder.record(fresh)
        running.cancel()
        await running.value
        #expect(try store.count() == 4)
        #expect(try await store.trace(id: fresh.id) == fresh)
    }

    @Test func aFailingArchiveIsRetriedWithoutLosingTraces() async throws {
        let archive = FlakyArchive()
        let recorder = TraceRecorder(config: TracingConfig(), archive: archive)
        let trace = TraceSamples.trace(1, time: Date().timeIntervalSince1970 - 60)
        recorder.record(trace)
        let service = TracingService(recorder: recorder, store: nil)
        let running = Task { await service.run(logger: quietLogger, interval: .milliseconds(10), retryInterval: .milliseconds(10)) }
        #expect(try await eventually { archive.attempts.withLock { $0 } >= 3 })
        archive.failing.withLock { $0 = false }
        #expect(try await eventually { archive.stored.withLock { $0 } == [trace] })
        running.cancel()
        await running.value
        #expect(archive.stored.withLock { $0 } == [trace])
    }

    @Test func anArchiveThatKeepsFailingHoldsABoundedBacklog() async throws {
        let archive = FlakyArchive()
        var config = TracingConfig()
        config.ringCapacity = 100
        let recorder = TraceRecorder(config: config, archive: archive)
        let old = Date().timeIntervalSince1970 - 60
        for i in 0..<3_000 { recorder.record(TraceSamples.trace(i, time: old)) }
        await #expect(throws: StoreError.self) { try await recorder.flush() }
        // The backlog stays at its limit (twice the ring, at least 1,000) and says how many it let go.
        #expect(recorder.pendingCount <= 1_000)
        #expect(recorder.pendingCount + recorder.droppedCount == 3_000)
        archive.failing.withLock { $0 = false }
        let backlog = recorder.pendingCount
        #expect(try await recorder.flush() == backlog)
        // The newest traces are the ones kept.
        let stored = archive.stored.withLock { $0 }
        #expect(stored.last?.id == TraceSamples.trace(2_999, time: old).id)
        #expect(recorder.pendingCount == 0)
    }

    @Test func theFlushLoopSleepsLongerWhenNothingWaits() {
        let fast = Duration.milliseconds(50), retry = Duration.seconds(1)
        func pause(failing: Bool = false, waiting: Int) -> Duration {
            TracingService.pause(failing: failing, waiting: waiting, interval: fast, retryInterval: retry)
        }
        #expect(pause(waiting: 3) == fast)
        #expect(pause(waiting: 0) == TracingService.idleInterval)
        #expect(pause(failing: true, waiting: 3) == retry)
    }

    @Test func tracingOffMeansNoService() throws {
        var config = TracingConfig()
        config.enabled = false
        #expect(TracingService.make(config: config, database: try TraceDatabase()) == nil)
        #expect(TracingService.make(config: TracingConfig(), database: nil)?.store == nil)
    }
}
