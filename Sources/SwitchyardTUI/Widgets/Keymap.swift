/// Every key the dashboard understands, with what it does; the help overlay lists exactly these.
public enum Keymap {
    /// (keys, description) pairs in display order.
    public static let entries: [(String, String)] = [
        ("Tab S-Tab", "next / previous pane"),
        ("1 … 6", "focus Providers Latency Errors Fallbacks Budget Requests"),
        ("↑ ↓  j k", "select row · PgUp/PgDn ±10 · g/G or Home/End first/last"),
        ("f G End", "Requests: follow the newest (↑↓ pause on one, g oldest)"),
        ("Enter", "open: provider → deployments, request → trace, team → keys"),
        ("", "trace: ↑↓ span · Enter span in full · b bodies · Esc back"),
        ("", "model, error class, fallback → its requests (Esc back)"),
        ("Esc", "back out of details · close dialog · clear filter"),
        ("d", "disable/enable provider, or deployment in details (y/n)"),
        ("+ / -", "deployment weight +1 / -1 (in provider details)"),
        ("f", "in provider details: fail the model over away from it (y/n)"),
        ("u", "undo the last override"),
        ("/", "filter: status>=500 model=gpt-4o slow>1s fallback key=team-a"),
        ("", "= != on model key team provider deployment id class (id prefix)"),
        ("", "> >= < <= = on status tokens cost tries latency ttft (ms s m)"),
        ("", "flags fallback stream error ok · !x or -x negates · word: text"),
        ("r", "requests of the row: provider, model, error, event, key, attempt"),
        ("R", "routing: each task's traffic, group, cost, escalations, savings"),
        ("s  S", "sort the table by its next column · reverse the sort"),
        ("z", "zoom: the pane on the whole screen, more columns (z/Esc back)"),
        (":", "command: trace ID, model, provider, disable, enable, weight,"),
        ("", "filter, theme, q · Tab completes names and ids · ↑↓ history"),
        ("y", "copy the request id, trace id or key name to the clipboard"),
        ("space  t", "pause/resume live updates · next theme"),
        ("? F1", "this help: / searches it · Esc or ? closes"),
        ("q", "quit"),
    ]
}
