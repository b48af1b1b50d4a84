import Foundation
import Logging
import ServiceLifecycle
import SwitchyardCore
import SwitchyardStore

/// One gateway's tracing: the recorder the engine writes finished traces into, the archive it flushes them to
/// (`traces.db` in the state directory), and the loop that does the flushing.
public final class TracingService: Service {
    /// The ring of recent traces; hand it to `GatewayEngine(tracer:)`.
    public let recorder: TraceRecorder
    /// The SQLite archive, when the gateway has a database to keep traces in.
    public let store: TraceStore?

    /// A recorder for `config` archiving into `traces.db` in `stateDirectory` (in memory when nil) and handing
    /// every trace to `exportQueue`; nil when tracing is off. Throws when the archive cannot be opened.
    public static func make(
        config: TracingConfig, stateDirectory: String?, exportQueue: TraceExportQueue? = nil
    ) throws -> TracingService? {
        guard config.enabled else { return nil }
        let database = try stateDirectory.map(TraceDatabase.init(directory:)) ?? TraceDatabase()
        return make(config: config, database: database, exportQueue: exportQueue)
    }

    /// A recorder for `config`, archiving into `database` when given; nil when tracing is off.
    public static func make(
        config: TracingConfig, database: TraceDatabase?, exportQueue: TraceExportQueue? = nil
    ) -> TracingService? {
        guard config.enabled else { return nil }
        let store = database.map { TraceStore(database: $0, capacity: config.archiveCapacity) }
        let recorder = TraceRecorder(config: config, archive: store, exportQueue: exportQueue)
        return TracingService(recorder: recorder, store: store)
    }

    /// How often settled traces go to the archive. Often, in small batches: a second's worth under load is
    /// milliseconds of JSON and SQLite on a core the requests share, and the requests that landed on it were
    /// the slowest (p99 at one connection 5.9 → 4.3 ms going from 1 s to 100 ms, 4.9 → 3.5 ms at 30 ms).
    public static let flushInterval: Duration = .milliseconds(50)

    /// Flushes to the archive until the group shuts down, then archives everything left: it stops after the
    /// gateway (put it before the gateway in the group), so the last requests' traces are kept.
    public func run() async throws {
        await cancelWhenGracefulShutdown { [self] in
            await run(logger: Logger(label: "switchyard.tracing"))
        }
    }

    /// A service over an existing recorder and store.
    public init(recorder: TraceRecorder, store: TraceStore?) {
        self.recorder = recorder
        self.store = store
    }

    /// Flushes recorded traces to the archive every `interval` while traces are waiting, until cancelled, then
    /// everything left. With none waiting it sleeps `idleInterval`, so an idle gateway is not woken 20 times a
    /// second. A failed flush is logged and retried every
    /// `retryInterval` (the recorder keeps the batch); it never stops the gateway.
    public func run(
        logger: Logger, interval: Duration = TracingService.flushInterval, retryInterval: Duration = .seconds(1)
    ) async {
        guard recorder.archive != nil else { return }
        var failing = false
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: Self.pause(
                    failing: failing, waiting: recorder.pendingCount, interval: interval, retryInterval: retryInterval))
            } catch {
                break
            }
            do {
                try await recorder.flush()
                if failing { logger.info("trace archive writable again") }
                failing = false
            } catch is CancellationError {
                // Stopping mid-flush: the batch went back to the recorder, and the final flush takes it.
                break
            } catch {
                // Once per outage, not once a retry.
                if !failing { logger.error("cannot archive traces (kept in memory, retrying): \(error)") }
                failing = true
            }
        }
        await flushAll(logger: logger)
    }

    /// How long the flush loop sleeps before its next flush.
    static func pause(failing: Bool, waiting: Int, interval: Duration, retryInterval: Duration) -> Duration {
        if failing { return retryInterval }
        if waiting > 0 { return interval }
        return max(interval, idleInterval)
    }

    /// The flush loop's pause while nothing waits.
    static let idleInterval = Duration.seconds(1)

    /// Archives every trace still in memory (at shutdown). Runs in a task of its own: the caller is usually being
    /// cancelled, and the database refuses work from a cancelled task.
    public func flushAll(logger: Logger) async {
        let recorder = recorder
        let failure: (any Error)? = await Task {
            do {
                try await recorder.flush()
                return nil
            } catch {
                return error
            }
        }.value
        if let failure { logger.error("cannot archive the last traces: \(failure)") }
    }
}
