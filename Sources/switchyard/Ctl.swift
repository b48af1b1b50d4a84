import ArgumentParser
import Foundation
import SwitchyardControl
import SwitchyardControlAPI
import SwitchyardCore

/// `switchyard ctl`: inspect and steer a running gateway over its control socket.
struct Ctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ctl",
        abstract: "Inspect and steer a running gateway (serve or demo) over its control socket.",
        discussion: """
            Exit status: 0 on success (also when nothing needed changing), 1 when the gateway refused the \
            command or cannot be reached, 2 on a usage error.

            Examples:
              switchyard ctl status
              switchyard ctl disable openai
              switchyard ctl --socket /run/switchyard/control.sock audit
            """,
        subcommands: [
            CtlStatus.self, CtlProviders.self, CtlModels.self, CtlDisable.self, CtlEnable.self, CtlWeight.self,
            CtlFailover.self, CtlUndo.self, CtlReset.self, CtlAudit.self, CtlKeys.self, CtlTeams.self, CtlBudgets.self,
            CtlSpend.self, CtlTrace.self, CtlTraces.self, CtlRoute.self, CtlReload.self,
        ]
    )

    // Declared here too so that `ctl --socket PATH status` parses like `ctl status --socket PATH`.
    @OptionGroup var options: CtlOptions
}

/// Options every `ctl` command takes.
struct CtlOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The gateway's control socket.",
        discussion: "Default: $XDG_RUNTIME_DIR/switchyard/control.sock, or /tmp/switchyard-<uid>/control.sock.",
        valueName: "path"))
    var socket: String?

    @Option(help: ArgumentHelp(
        "Act on the fleet sharing this PostgreSQL database instead of one gateway's socket.",
        discussion: "Serves status, providers, models, disable, enable, weight, failover, reset, audit, keys, teams and budgets; other commands need a replica's socket. The password may come from $PGPASSWORD, the TLS mode from $PGSSLMODE.",
        valueName: "url"))
    var databaseURL: String?

    func validate() throws {
        if socket != nil, databaseURL != nil { throw ValidationError("--socket and --database-url name two different targets: give one") }
    }

    var client: ControlClient {
        ControlClient(socketPath: ControlSocketPath.resolve(socket, environment: ProcessInfo.processInfo.environment))
    }

    /// Runs `body`, turning a refused or unreachable request into its message on stderr and exit status 1.
    func run<T>(_ body: (ControlClient) async throws -> T) async throws -> T {
        if databaseURL != nil {
            Console.error("switchyard: this command needs a replica's control socket (--socket); --database-url serves \(Self.fleetCommands)")
            throw ExitCode.failure
        }
        do {
            return try await body(client)
        } catch let error as ControlClient.Failure {
            Console.error("switchyard: \(error)")
        } catch let error as ControlClientError {
            Console.error("switchyard: \(error.message)")
        } catch let error as DecodingError {
            Console.error("switchyard: unexpected answer from the gateway: \(error)")
        }
        throw ExitCode.failure
    }

    /// Sends a command to its route: its message on stdout when it succeeded, on stderr with status 1 when refused.
    func command(_ command: ControlCommand) async throws {
        if databaseURL != nil { return try await fleetCommand(command) }
        let route: ControlRoute
        do {
            route = try ControlRoute(command)
        } catch {
            throw ValidationError("\(command.summary): cannot encode the request: \(error)")
        }
        let (_, result) = try await run { try await $0.command(route) }
        guard result.ok else {
            Console.error("switchyard: \(result.message)")
            throw ExitCode.failure
        }
        Console.out(result.message)
    }
}

/// Prints a value as sorted-key JSON.
func printJSON<T: Encodable>(_ value: T) throws {
    Console.out(String(decoding: try ControlJSON.encode(value, pretty: true), as: UTF8.self))
}
