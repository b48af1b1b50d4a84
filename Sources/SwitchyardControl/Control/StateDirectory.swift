/// Where overrides and the audit log persist unless `--state-dir` says otherwise.
public enum StateDirectory {
    /// `$XDG_STATE_HOME/switchyard`, else `~/.local/state/switchyard`; the demo keeps its own `demo` subdirectory
    /// so that steering the demo never touches a real gateway's overrides.
    public static func defaultPath(environment: [String: String], demo: Bool) -> String {
        let base: String
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            base = ControlSocketPath.trimmingSlash(state) + "/switchyard"
        } else if let home = environment["HOME"], !home.isEmpty {
            base = ControlSocketPath.trimmingSlash(home) + "/.local/state/switchyard"
        } else {
            base = ".switchyard-state"
        }
        return demo ? base + "/demo" : base
    }

    /// The explicit directory when given, else the default.
    public static func resolve(_ explicit: String?, environment: [String: String], demo: Bool) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        return defaultPath(environment: environment, demo: demo)
    }
}
