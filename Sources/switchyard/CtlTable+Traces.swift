import Foundation
import SwitchyardControl

extension CtlTable {
    /// Trace summaries, newest first: when, which request, where it went, how it ended and what it cost.
    static func traces(_ traces: [TraceSummary]) -> CtlTable {
        var table = CtlTable(
            headers: ["TIME (UTC)", "REQUEST", "MODEL", "SERVED BY", "STATUS", "LATENCY", "TTFT", "COST", "TOKENS",
                      "TRIES", "KEY", "NOTE"],
            numeric: [4, 5, 6, 7, 8, 9])
        for t in traces {
            var note: [String] = []
            if t.fellBack { note.append("fell back") }
            if let error = t.error { note.append(error) }
            table.rows.append([
                utc(t.time), t.id, t.model, t.servedBy ?? "-", String(t.status), milliseconds(t.latency),
                t.ttft.map(milliseconds) ?? "-", String(format: "$%.6f", t.cost), "\(t.tokens.input)/\(t.tokens.output)",
                String(t.attempts), t.key ?? "-", note.joined(separator: "; "),
            ])
        }
        return table
    }

    static func milliseconds(_ seconds: Double) -> String {
        String(format: "%.0f ms", seconds * 1_000)
    }
}
