import Foundation
import Logging
import SwitchyardCore
import SwitchyardStore

/// One gateway's tracing: the recorder the engine writes finished traces into, the archive it flushes them to
/// (the state database), and the loop that does the flushing.
public final class TracingService: Sendable {
    /// The ring of recent traces; hand it to `GatewayEngine(tracer:)`.
    public let recorder: TraceRecorder
    /// The SQLite archive, when the gateway has a database to keep traces in.
    public let store: TraceStore?

    /// A recorder for `config`, archiving into `database` when given; nil when tracing is off.
    public static func make(config: TracingConfig, database: StoreDatabase?) -> TracingService? {
        guard config.enabled else { return nil }
        let store = database.map { TraceStore(database: $0, capacity: config.archiveCapacity) }
        return TracingService(recorder: TraceRecorder(config: config, archive: store), store: store)
    }

    /// A service over an existing recorder and store.
    public init(recorder: TraceRecorder, store: TraceStore?) {
        self.recorder = recorder
        self.store = store
    }

    /// Flushes settled traces to the archive every `interval` until cancelled, then everything left. A failed
    /// flush is logged and retried on the next tick (the recorder keeps the batch); it never stops the gateway.
    public func run(logger: Logger, interval: Duration = .seconds(1)) async {
        guard recorder.archive != nil else { return }
        var failing = false
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                break
            }
            do {
                try await recorder.flush(now: Date().timeIntervalSince1970)
                if failing { logger.info("trace archive writable again") }
                failing = false
            } catch is CancellationError {
                // Stopping mid-flush: the batch went back to the recorder, and the final flush takes it.
                break
            } catch {
                // Once per outage, not once a second.
                if !failing { logger.error("cannot archive traces (kept in memory, retrying): \(error)") }
                failing = true
            }
        }
        await flushAll(logger: logger)
    }

    /// Archives every trace still in memory (at shutdown). Runs in a task of its own: the caller is usually being
    /// cancelled, and the database refuses work from a cancelled task.
    public func flushAll(logger: Logger) async {
        let recorder = recorder
        let failure: (any Error)? = await Task {
            do {
                try await recorder.flush(now: Date().timeIntervalSince1970, all: true)
                return nil
            } catch {
                return error
            }
        }.value
        if let failure { logger.error("cannot archive the last traces: \(failure)") }
    }
}
