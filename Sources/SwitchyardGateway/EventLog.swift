import Logging
import ServiceLifecycle
import SwitchyardCore

/// Follows the engine's events and writes the ones an operator needs in the log: breakers opening, probing and
/// closing, ejections and restorations, 429 cooldowns and operator overrides. Fallbacks are per request and stay
/// in the access log and the dashboard.
public struct EventLog: Service {
    private let engine: GatewayEngine
    private let logger: Logger
    private let interval: Duration

    /// Logs `engine`'s events to `logger`, looking for new ones every `interval`.
    public init(engine: GatewayEngine, logger: Logger, interval: Duration = .milliseconds(500)) {
        self.engine = engine
        self.logger = logger
        self.interval = interval
    }

    /// Follows the events until the group shuts down.
    public func run() async throws {
        await cancelWhenGracefulShutdown { [engine, logger, interval] in
            await Self.follow(engine: engine, logger: logger, interval: interval)
        }
    }

    /// Runs until cancelled, looking for new events every `interval`.
    static func follow(engine: GatewayEngine, logger: Logger, interval: Duration) async {
        var last = 0
        while !Task.isCancelled {
            let events = engine.events(after: last)
            if let first = events.first, last > 0, first.sequence > last + 1 {
                logger.warning("\(first.sequence - last - 1) gateway events were not logged: more came at once than the event ring holds")
            }
            for event in events {
                last = event.sequence
                guard let (level, text) = line(event) else { continue }
                logger.log(level: level, "\(text)", metadata: metadata(event))
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// The level and message of an event worth a log line; nil for those that are not.
    static func line(_ e: GatewayEvent) -> (Logger.Level, String)? {
        let subject = e.from ?? e.model ?? "gateway"
        switch e.kind {
        case .fallback: return nil
        case .breakerOpened: return (.warning, "breaker opened on \(subject): \(e.reason)")
        case .breakerHalfOpen: return (.notice, "breaker half-open on \(subject): probing")
        case .breakerClosed: return (.notice, "breaker closed on \(subject): \(e.reason)")
        case .ejected: return (.warning, "\(subject) ejected: \(e.reason)")
        case .restored: return (.notice, "\(subject) restored: \(e.reason)")
        case .cooldown: return (.info, "\(subject) cooling down: \(e.reason)")
        case .override: return (.notice, "override by \(e.reason): \(e.from ?? "every deployment") → \(e.to ?? "?")")
        }
    }

    private static func metadata(_ e: GatewayEvent) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["event": "\(e.kind.rawValue)"]
        if let from = e.from { metadata["deployment"] = "\(from)" }
        if let model = e.model { metadata["model"] = "\(model)" }
        return metadata
    }
}
