import Foundation
import SwitchyardCore

/// A trace as text for a terminal: a header (request, trace, model → deployment, status, latency, cost, tokens),
/// then one line per span with its start offset, duration, a bar on a shared time axis, and its name (indented by
/// depth) with its attributes; a route span lists its candidates beneath it.
public enum TraceWaterfall {
    /// Cells of the time axis.
    public static let defaultBarWidth = 40

    /// The whole waterfall of `trace`, lines joined by newlines (no trailing newline).
    public static func render(_ trace: RequestTrace, barWidth: Int = defaultBarWidth) -> String {
        let width = max(10, barWidth)
        let r = trace.record
        var lines = header(trace)
        lines.append("")
        let total = max(r.latency, trace.spans.map(\.end).max() ?? 0)
        let depths = depthByID(trace.spans)
        lines.append(pad("START", 9) + pad("DURATION", 10) + "  " + "TIMELINE".padding(toLength: width + 2, withPad: " ", startingAt: 0) + "  SPAN")
        for span in trace.spans {
            let depth = depths[span.spanID] ?? 0
            let indent = String(repeating: "  ", count: depth)
            var text = indent + span.name.rawValue
            if span.status == .error { text += " ✗" }
            // Values with spaces are quoted so each detail still reads as one key=value.
            let details = span.attributes.map { "\($0.key)=" + ($0.value.contains(" ") ? "\"\($0.value)\"" : $0.value) }
                + (span.message.map { ["“\($0)”"] } ?? [])
            if !details.isEmpty { text += "  " + details.joined(separator: " ") }
            lines.append(pad(duration(span.start), 9) + pad(duration(span.duration), 10) + "  |"
                         + bar(start: span.start, duration: span.duration, total: total, width: width) + "|  " + text)
            for candidate in span.candidates ?? [] {
                let blank = String(repeating: " ", count: 9 + 10 + 2 + width + 2 + 2)
                lines.append(blank + indent + "  " + describe(candidate))
            }
        }
        if trace.requestBody != nil || trace.responseBody != nil {
            lines.append("")
            lines.append("bodies kept" + (trace.bodyTruncated ? " (truncated)" : "") + ": see --json")
        }
        return lines.joined(separator: "\n")
    }

    /// The header lines: identity, outcome, who and when.
    static func header(_ trace: RequestTrace) -> [String] {
        let r = trace.record
        // The root span covers the response write too (amended after the record was filed).
        let total = max(r.latency, trace.spans.first?.duration ?? 0)
        var outcome = [
            (r.model.isEmpty ? "(no model)" : r.model) + " → " + (r.servedBy ?? "none"), "status \(r.status)",
            duration(total),
            String(format: "$%.6f", r.cost), "tokens \(r.inputTokens) in / \(r.outputTokens) out",
            "\(r.attempts.count) attempt" + (r.attempts.count == 1 ? "" : "s"),
        ]
        if let ttft = r.timeToFirstToken { outcome.insert("ttft \(duration(ttft))", at: 3) }
        if r.fellBack { outcome.append("fell back") }
        if r.stream { outcome.append("stream") }
        var who = [utc(r.time) + " UTC"]
        if let key = r.key { who.append("key \(key)") }
        if let team = r.team { who.append("team \(team)") }
        var lines = [
            "request \(r.id)  trace \(trace.traceID)" + (trace.parentSpanID.map { "  parent \($0)" } ?? ""),
            outcome.joined(separator: " · "),
            who.joined(separator: " · "),
        ]
        if let error = r.errorMessage { lines.append("error: \(error)") }
        return lines
    }

    /// One routing candidate: picked marker, deployment, state, weight, expected share, latency, priority.
    static func describe(_ c: RouteCandidateTrace) -> String {
        var parts = [(c.picked ? "▶ " : "  ") + c.deployment, c.state, "weight " + number(c.weight)]
        if let share = c.share { parts.append(String(format: "share %.0f%%", share * 100)) }
        if let latency = c.latency { parts.append("avg " + duration(latency)) }
        parts.append("priority \(c.priority)")
        if c.picked { parts.append("picked") }
        return parts.joined(separator: "  ")
    }

    /// Cells from `start` to `start + duration` on an axis of `width` cells for `total` seconds; at least one.
    static func bar(start: Double, duration: Double, total: Double, width: Int) -> String {
        guard total > 0 else { return String(repeating: "━", count: width) }
        let from = min(width - 1, max(0, Int(saturating: (start / total * Double(width)).rounded(.down))))
        let to = min(width, max(from + 1, Int(saturating: ((start + duration) / total * Double(width)).rounded(.up))))
        return String(repeating: " ", count: from) + String(repeating: "━", count: to - from)
            + String(repeating: " ", count: width - to)
    }

    /// Depth of each span under the root (root 0), following parent ids.
    static func depthByID(_ spans: [TraceSpan]) -> [String: Int] {
        let parents = Dictionary(spans.map { ($0.spanID, $0.parentSpanID) }, uniquingKeysWith: { first, _ in first })
        var depths: [String: Int] = [:]
        for span in spans {
            var depth = 0
            var current = span.parentSpanID
            // A parent outside the trace (the client's) ends the walk; the bound guards against cycles.
            while let id = current, let next = parents[id], depth < spans.count {
                depth += 1
                current = next
            }
            depths[span.spanID] = depth
        }
        return depths
    }

    /// `0.4ms`, `12ms`, `1.30s`: milliseconds below ten seconds, seconds beyond.
    static func duration(_ seconds: Double) -> String {
        let ms = seconds * 1_000
        if ms < 10 { return String(format: "%.1fms", ms) }
        if ms < 10_000 { return String(format: "%.0fms", ms) }
        return String(format: "%.2fs", seconds)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? InputBounds.formatNumber(value) : String(format: "%g", value)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// `YYYY-MM-DD HH:MM:SS.mmm` in UTC.
    static func utc(_ epoch: Double) -> String {
        var seconds = time_t(epoch.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let millis = Int(((epoch - epoch.rounded(.down)) * 1_000).rounded(.down))
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d.%03d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }
}
