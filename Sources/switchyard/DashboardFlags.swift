import ArgumentParser
import Foundation
import SwitchyardControl
import SwitchyardTUI
import SwitchyardTerminal

/// Options shared by every command that draws the dashboard.
struct DashboardFlags: ParsableArguments {
    @Option(help: "Frames per second the dashboard redraws at (1–30).")
    var fps: Int = 4

    @Option(help: "Theme name (default, light, high-contrast, mono) or path to a .theme file.")
    var theme: String?

    @Flag(help: "Leave the mouse to the terminal (for selecting text) instead of clicking and scrolling panes.")
    var noMouse = false

    func validate() throws {
        guard (1...30).contains(fps) else { throw ValidationError("--fps must be between 1 and 30, got \(fps)") }
    }

    /// Dashboard options for an operator acting through this terminal.
    func options(confirmQuit: Bool) -> DashboardOptions {
        var options = DashboardOptions()
        options.fps = fps
        options.themeName = theme
        options.actor = "tui:\(OperatorIdentity.current)"
        options.confirmQuit = confirmQuit
        options.mouse = !noMouse
        // Preferences belong to the operator, not to one gateway: the demo and `top` share them.
        let state = StateDirectory.defaultPath(environment: ProcessInfo.processInfo.environment, demo: false)
        options.preferencesPath = state + "/dashboard.json"
        return options
    }
}
