import ArgumentParser
import Foundation
import SwitchyardControl

/// Options of every command that runs a gateway: where its control socket and its state live.
struct ControlFlags: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The control socket `switchyard ctl` and `switchyard top` talk to.",
        discussion: "Default: $XDG_RUNTIME_DIR/switchyard/control.sock, or /tmp/switchyard-<uid>/control.sock.",
        valueName: "path"))
    var controlSocket: String?

    @Option(help: ArgumentHelp(
        "Where operator overrides and the audit log persist across restarts.",
        discussion: "Default: $XDG_STATE_HOME/switchyard, or ~/.local/state/switchyard (the demo uses …/demo).",
        valueName: "dir"))
    var stateDir: String?

    /// The state directory in effect: the flag, else the XDG default (the demo's own under it).
    func stateDirectory(demo: Bool) -> String {
        StateDirectory.resolve(stateDir, environment: ProcessInfo.processInfo.environment, demo: demo)
    }
}
