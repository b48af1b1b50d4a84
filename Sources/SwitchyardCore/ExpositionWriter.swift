/// Appends exposition lines to one growing string.
struct ExpositionWriter {
    enum Kind: String {
        case counter, gauge, histogram
    }

    private(set) var text = ""

    init() { text.reserveCapacity(16 * 1024) }

    mutating func family(_ name: String, _ kind: Kind, _ help: String) {
        text += "# HELP \(name) \(escapeHelp(help))\n# TYPE \(name) \(kind.rawValue)\n"
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: UInt64) {
        line(name, labels, String(value))
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
        line(name, labels, PrometheusExposition.formatValue(value))
    }

    /// `_bucket` series per bound plus `+Inf`, then `_sum` and `_count`.
    mutating func histogram(_ name: String, _ labels: [(String, String)], _ h: HistogramSnapshot) {
        for (i, count) in h.cumulativeCounts.enumerated() {
            let le = i < h.bounds.count ? PrometheusExposition.formatValue(h.bounds[i]) : "+Inf"
            line(name + "_bucket", labels + [("le", le)], String(count))
        }
        line(name + "_sum", labels, PrometheusExposition.formatValue(h.sum))
        line(name + "_count", labels, String(h.count))
    }

    private mutating func line(_ name: String, _ labels: [(String, String)], _ value: String) {
        text += name
        if !labels.isEmpty {
            text += "{"
            for (i, (key, value)) in labels.enumerated() {
                if i > 0 { text += "," }
                text += key
                text += "=\""
                text += PrometheusExposition.escapeLabelValue(value)
                text += "\""
            }
            text += "}"
        }
        text += " "
        text += value
        text += "\n"
    }

    /// HELP text escapes backslash and line feed only.
    private func escapeHelp(_ s: String) -> String {
        s.replacing("\\", with: "\\\\").replacing("\n", with: "\\n")
    }
}
