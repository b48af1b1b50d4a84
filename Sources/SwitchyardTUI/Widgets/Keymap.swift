/// Every key the dashboard understands, with what it does; the help overlay lists exactly these.
public enum Keymap {
    /// (keys, description) pairs in display order.
    public static let entries: [(String, String)] = [
        ("Tab S-Tab", "next / previous pane"),
        ("1 … 6", "focus Providers, Latency, Errors, Fallbacks, Budget, Requests"),
        ("↑ ↓  j k", "select row (PgUp/PgDn by 10, g/G or Home/End: first/last)"),
        ("Enter", "details: provider → its deployments, request → its attempts"),
        ("Esc", "back out of details · close dialog · clear filter"),
        ("d", "disable/enable the selected provider, or deployment in details (y/n)"),
        ("+ / -", "raise/lower the selected deployment's weight by 1 (in provider details)"),
        ("f", "fail the model over away from the selected deployment (y/n)"),
        ("u", "undo the last override"),
        ("/", "filter provider/model/request rows (Enter keeps, Esc clears)"),
        ("space", "pause/resume live updates (snapshots are held)"),
        ("t", "next theme"),
        ("? F1", "this help (Esc or ? closes)"),
        ("q", "quit"),
    ]
}
