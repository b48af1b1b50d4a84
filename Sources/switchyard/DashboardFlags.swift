import ArgumentParser
import SwitchyardTUI
import SwitchyardTerminal

/// Options shared by every command that draws the dashboard.
struct DashboardFlags: ParsableArguments {
    @Option(help: "Frames per second the dashboard redraws at (1–30).")
    var fps: Int = 4

    @Option(help: "Theme name (default, light, high-contrast, mono) or path to a .theme file.")
    var theme: String?

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
        return options
    }
}
