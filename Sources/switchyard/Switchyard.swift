import ArgumentParser
import SwitchyardCore

/// The `switchyard` command: with no arguments it opens the demo dashboard.
@main
struct Switchyard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchyard",
        abstract: "An AI model gateway with a terminal operations console.",
        discussion: """
            With no command, `switchyard` runs the demo: an embedded gateway over simulated providers with \
            demo traffic and a scripted incident timeline, shown in the live dashboard.

            Examples:
              switchyard                                   # the demo dashboard
              switchyard serve --config gateway.yaml
              switchyard top
              switchyard ctl status
            """,
        version: SwitchyardVersion.current,
        subcommands: [Demo.self, Serve.self, Top.self, Ctl.self, Sim.self, CheckConfig.self, ImportLiteLLM.self,
                      Migrate.self],
        defaultSubcommand: Demo.self
    )

    /// Parses and runs the command. Exit status: 0 done, 1 failed or refused (a bad config, a refused command, a
    /// gateway that could not start), 2 a usage error (unknown flag, bad value) — as grep and curl scripts expect,
    /// instead of ArgumentParser's 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                Console.error(fullMessage(for: error))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
