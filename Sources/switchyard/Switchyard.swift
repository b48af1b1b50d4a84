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
            """,
        version: SwitchyardVersion.current,
        subcommands: [Demo.self, Serve.self, Top.self, Sim.self, CheckConfig.self],
        defaultSubcommand: Demo.self
    )
}
