/// Every key the dashboard understands, with what it does; the help overlay lists exactly these.
public enum Keymap {
    /// (keys, description) pairs in display order.
    public static let entries: [(String, String)] = [
        ("Tab S-Tab", "next / previous pane"),
        ("1 … 6", "focus Providers Latency Errors Fallbacks Budget Requests"),
        ("↑ ↓  j k", "select row · PgUp/PgDn ±10 · g/G or Home/End first/last"),
        ("Enter", "open: provider → deployments, request → attempts, team → keys"),
        ("Esc", "back out of details · close dialog · clear filter"),
        ("d", "disable/enable provider, or deployment in details (y/n)"),
        ("+ / -", "deployment weight +1 / -1 (in provider details)"),
        ("f", "fail its model over away from the deployment (y/n)"),
        ("u", "undo the last override"),
        ("/", "filter rows by text · Enter keeps · Esc clears"),
        ("space", "pause/resume live updates"),
        ("t", "next theme"),
        ("? F1", "this help (Esc or ? closes)"),
        ("q", "quit"),
    ]
}
