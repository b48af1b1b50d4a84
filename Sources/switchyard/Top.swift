import ArgumentParser
import Foundation
import Logging
import SwitchyardControl
import SwitchyardCore
import SwitchyardFleet
import SwitchyardTUI
import SwitchyardTerminal

/// `switchyard top`: the dashboard attached to a running gateway over its control socket.
struct Top: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the dashboard of a running gateway, attached over its control socket, or of a whole fleet.",
        discussion: """
            Commands typed in the dashboard (disable, weight, fail over, undo) go to that gateway and are \
            audited as tui:<your login>. With no gateway listening, the dashboard shows DISCONNECTED and keeps \
            retrying; the last snapshot stays on screen, dimmed, while the connection is down. q quits and \
            leaves the gateway running.

            With a database URL, the dashboard shows the fleet sharing that database, from the heartbeats its \
            replicas publish: a Replicas pane (Enter looks at one replica alone, Esc returns to the fleet) above the \
            usual panes summed over the live replicas. Commands apply fleet-wide through the shared database.

            Examples:
              switchyard top
              switchyard top --socket /run/switchyard/control.sock --fps 10
              switchyard top --database-url postgresql://switchyard@db.internal/switchyard
            """
    )

    @Option(help: ArgumentHelp(
        "The gateway's control socket.",
        discussion: "Default: $XDG_RUNTIME_DIR/switchyard/control.sock, or /tmp/switchyard-<uid>/control.sock.",
        valueName: "path"))
    var socket: String?

    @Option(help: ArgumentHelp(
        "Show the fleet of replicas sharing this PostgreSQL database instead of one gateway.",
        discussion: "Default: $SWITCHYARD_DATABASE_URL when --socket is not given. The password may come from $PGPASSWORD, the TLS mode from $PGSSLMODE.",
        valueName: "url"))
    var databaseURL: String?

    @OptionGroup var dashboard: DashboardFlags

    func validate() throws {
        if let socket, socket.isEmpty { throw ValidationError("--socket needs a path") }
        if socket != nil, databaseURL != nil { throw ValidationError("--socket and --database-url are two different views: give one") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let database: FleetDatabaseURL?
        do {
            database = try FleetFlags.databaseURL(databaseURL, ignoringEnvironment: socket != nil, environment: environment)
        } catch {
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
        let outcome: Result<Void, any Error>
        if let database {
            // The screen belongs to the dashboard: the feed says what it must in the header, never on stderr.
            let feed = FleetFeed(url: database, logger: Logger(label: "switchyard.fleet") { _ in SwiftLogNoOpLogHandler() })
            outcome = await Self.show(feed, options: dashboard.options(confirmQuit: false))
            await feed.shutdown()
        } else {
            let path = ControlSocketPath.resolve(socket, environment: environment)
            let feed = SocketFeed(socketPath: path, interface: "tui")
            outcome = await Self.show(feed, options: dashboard.options(confirmQuit: false))
            // On every path: the HTTP client must be closed before it goes away.
            await feed.shutdown()
        }
        if case .failure(let error) = outcome {
            guard let error = error as? DashboardError else { throw error }
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
    }

    /// Runs the dashboard; quitting only detaches from the gateway, so no confirmation.
    private static func show(_ feed: any GatewayFeed, options: DashboardOptions) async -> Result<Void, any Error> {
        do {
            try await Dashboard.run(feed: feed, options: options)
            return .success(())
        } catch {
            return .failure(error)
        }
    }
}
