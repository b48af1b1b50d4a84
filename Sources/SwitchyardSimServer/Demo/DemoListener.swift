#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import NIOCore
import SwitchyardCore
import SwitchyardGateway
import SwitchyardGovernance

/// The demo's HTTP ingress, started next to the dashboard. It never takes the demo down: when it cannot listen,
/// `status` says why and the dashboard runs without it.
public final class DemoListener: Sendable {
    /// Whether the ingress listens, for the dashboard header.
    public enum Status: Sendable, Hashable {
        /// Serving on "host:port".
        case listening(String)
        /// Not serving, with a short reason, e.g. "127.0.0.1:8787 in use".
        case off(String)

        /// What the dashboard header shows: the address, or "HTTP off: <reason>".
        public var headerText: String {
            switch self {
            case .listening(let address): address
            case .off(let reason): "HTTP off: \(reason)"
            }
        }
    }

    /// How the start went.
    public let status: Status
    private let task: Task<Void, Never>

    private init(status: Status, task: Task<Void, Never>) {
        self.status = status
        self.task = task
    }

    /// Starts serving `engine` (keys checked by `governor`, if any) on host:port (port 0 picks a free one) and returns once it listens or has failed.
    /// `logger` defaults to one that discards everything: the dashboard owns the terminal.
    public static func start(
        engine: GatewayEngine, governor: Governor? = nil, host: String, port: Int, maxBodyBytes: Int = 4 * 1024 * 1024,
        logger: Logger = Logger(label: "switchyard.demo.http", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async -> DemoListener {
        let (updates, report) = AsyncStream<Status>.makeStream(bufferingPolicy: .bufferingOldest(1))
        let ingress = GatewayIngress(engine: engine, maxBodyBytes: maxBodyBytes, governor: governor)
        let task = Task {
            do {
                try await GatewayServer.serve(ingress: ingress, host: host, port: port, logger: logger) { address in
                    report.yield(.listening(address))
                }
                report.yield(.off("stopped"))
            } catch {
                report.yield(.off(reason(error, host: host, port: port)))
            }
            report.finish()
        }
        var status = Status.off("stopped")
        for await first in updates {
            status = first
            break
        }
        return DemoListener(status: status, task: task)
    }

    /// Stops serving (open streams are cut).
    public func stop() {
        task.cancel()
    }

    /// Waits until the server has stopped.
    public func stopped() async {
        await task.value
    }

    /// "host:port in use" for the common case, else the error itself.
    static func reason(_ error: any Error, host: String, port: Int) -> String {
        if let io = error as? IOError, io.errnoCode == EADDRINUSE { return "\(host):\(port) in use" }
        if let io = error as? IOError, io.errnoCode == EACCES { return "\(host):\(port) not permitted" }
        return "\(host):\(port): \(error)"
    }
}
