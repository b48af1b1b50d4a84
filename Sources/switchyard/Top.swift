import ArgumentParser
import Foundation
import SwitchyardControl
import SwitchyardTUI
import SwitchyardTerminal

/// `switchyard top`: the dashboard attached to a running gateway over its control socket.
struct Top: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the dashboard of a running gateway, attached over its control socket.",
        discussion: """
            Commands typed in the dashboard (disable, weight, fail over, undo) go to that gateway and are \
            audited as tui:<your login>. With no gateway listening, the dashboard shows DISCONNECTED and keeps \
            retrying; the last snapshot stays on screen, dimmed, while the connection is down. q quits and \
            leaves the gateway running.

            Examples:
              switchyard top
              switchyard top --socket /run/switchyard/control.sock --fps 10
            """
    )

    @Option(help: ArgumentHelp(
        "The gateway's control socket.",
        discussion: "Default: $XDG_RUNTIME_DIR/switchyard/control.sock, or /tmp/switchyard-<uid>/control.sock.",
        valueName: "path"))
    var socket: String?

    @OptionGroup var dashboard: DashboardFlags

    func validate() throws {
        if let socket, socket.isEmpty { throw ValidationError("--socket needs a path") }
    }

    func run() async throws {
        let path = ControlSocketPath.resolve(socket, environment: ProcessInfo.processInfo.environment)
        let feed = SocketFeed(socketPath: path, interface: "tui")
        let outcome: Result<Void, any Error>
        do {
            // Quitting only detaches from the gateway, so no confirmation.
            try await Dashboard.run(feed: feed, options: dashboard.options(confirmQuit: false))
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        // On every path: the HTTP client must be closed before it goes away.
        await feed.shutdown()
        if case .failure(let error) = outcome {
            guard let error = error as? DashboardError else { throw error }
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
    }
}
