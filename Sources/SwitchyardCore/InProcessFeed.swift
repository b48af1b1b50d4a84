/// A feed over an engine in the same process: snapshots paced in real time, commands applied directly.
public final class InProcessFeed: GatewayFeed {
    /// The engine observed and steered.
    public let engine: GatewayEngine
    /// Header facts included in every snapshot.
    public let info: GatewayInfo

    /// Creates a feed over `engine`.
    public init(engine: GatewayEngine, info: GatewayInfo) {
        self.engine = engine
        self.info = info
    }

    /// The engine's snapshot now.
    public func snapshot() async throws -> GatewaySnapshot {
        engine.snapshot(info: info)
    }

    /// A snapshot at once, then one per interval until the consumer stops.
    public func snapshots(every interval: Duration) -> AsyncThrowingStream<GatewaySnapshot, any Error> {
        let engine = engine
        let info = info
        return AsyncThrowingStream { continuation in
            let task = Task {
                let clock = ContinuousClock()
                var next = clock.now
                while !Task.isCancelled {
                    continuation.yield(engine.snapshot(info: info))
                    next = next.advanced(by: interval)
                    // After a stall, pace from now rather than bursting to catch up.
                    if next < clock.now { next = clock.now.advanced(by: interval) }
                    do {
                        try await clock.sleep(until: next, tolerance: nil)
                    } catch {
                        break
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Applies the command to the engine.
    public func send(_ command: ControlCommand, actor: String) async throws -> CommandResult {
        engine.apply(command, actor: actor)
    }

    /// The engine's recorded trace of request `id`.
    public func trace(id: String) async throws -> RequestTrace? {
        try await engine.tracer?.trace(id: id)
    }
}
