import SwitchyardCore

/// One span's details in full, as lines of styled text: its message, every attribute, a route's candidates and,
/// on the root span, the request's kept bodies. The waterfall shows the first lines under its table; zoomed, all of
/// them scroll.
struct SpanDetail {
    let span: TraceSpan
    let trace: RequestTrace
    let glyphs: Glyphs

    /// "attempt · +120ms · took 1.21s · error", for the rule above the details.
    var title: [TableCell] {
        let sep = " \(glyphs.separator) "
        var out = [
            TableCell(span.name.rawValue, Style(.title, bold: true)),
            TableCell(sep + "at +" + Format.spanTime(span.start) + sep + "took " + Format.spanTime(span.duration), .text),
        ]
        out.append(span.status == .ok ? TableCell(sep + "ok", Style(.ok)) : TableCell(sep + "error", Style(.bad, bold: true)))
        return out
    }

    /// Every line of the details for a `width`-column area.
    func lines(width: Int) -> [[TableCell]] {
        let width = max(1, width)
        var out: [[TableCell]] = []
        var fields: [(String, String, Style)] = []
        if let message = span.message {
            fields.append(("message", message, Style(span.status == .error ? .bad : .text)))
        }
        for attribute in span.attributes {
            fields.append((attribute.key, Self.readable(attribute), Style(attributeRole(attribute))))
        }
        fields.append(("span id", span.spanID, .muted))
        if span.name == .request, let parent = trace.parentSpanID {
            fields.append(("client span", parent, .muted))
        }
        let keyWidth = min(20, max(8, fields.map(\.0.count).max() ?? 8))
        for (key, value, style) in fields {
            let valueWidth = max(1, width - keyWidth - 2)
            for (i, piece) in Self.wrap(value, width: valueWidth).enumerated() {
                let label = i == 0 ? Format.pad(key, keyWidth) : String(repeating: " ", count: keyWidth)
                out.append([TableCell(label + "  ", .muted), TableCell(piece, style)])
            }
        }
        if let candidates = span.candidates {
            out.append([])
            out.append([TableCell("candidates", Style(.muted, bold: true)),
                        TableCell(" (\(candidates.count) considered, \(candidates.filter(\.picked).count) picked)", .muted)])
            out += candidateLines(candidates, width: width)
        }
        if span.name == .request { out += bodyLines(width: width) }
        return out
    }

    /// The route's candidates: picked marker, deployment, state, weight, share, latency, priority.
    func candidateLines(_ candidates: [RouteCandidateTrace], width: Int) -> [[TableCell]] {
        let nameWidth = max(10, candidates.map(\.deployment.count).max() ?? 10)
        let columns = [
            Column("", 1), Column("deployment", nameWidth, flex: true, maxWidth: nameWidth, minWidth: min(nameWidth, 12)),
            Column("state", 9), Column("weight", 6, .right), Column("share", 6, .right),
            Column("latency", 8, .right, priority: 2), Column("prio", 4, .right, priority: 1),
        ]
        let marker = glyphs.isUnicode ? "▸" : ">"
        let rows: [[TableCell]] = candidates.map { c in
            [
                TableCell(c.picked ? marker : " ", Style(.accent, bold: true)),
                TableCell(c.deployment, c.picked ? Style(.accent, bold: true) : .text),
                TableCell(c.state, Style(Self.stateRole(c.state))),
                TableCell(Format.number(c.weight)),
                TableCell(c.share.map(Format.percent) ?? "-", .text),
                TableCell(c.latency.map(Format.spanTime) ?? "-", .muted),
                TableCell("\(c.priority)", .muted),
            ]
        }
        return TableLines.lines(columns: columns, rows: rows, width: width, ellipsis: glyphs.ellipsis)
    }

    /// The request's bodies when the gateway kept them, or why there are none.
    func bodyLines(width: Int) -> [[TableCell]] {
        var out: [[TableCell]] = [[]]
        guard trace.requestBody != nil || trace.responseBody != nil else {
            out.append([TableCell("bodies not kept (the gateway keeps them only with tracing bodies on)", .muted)])
            return out
        }
        let cut = trace.bodyTruncated ? " \(glyphs.separator) cut at the configured cap" : ""
        for (label, body) in [("request body", trace.requestBody), ("response body", trace.responseBody)] {
            guard let body else {
                out.append([TableCell(label, Style(.muted, bold: true)), TableCell(" none", .muted)])
                continue
            }
            out.append([TableCell(label, Style(.muted, bold: true)),
                        TableCell(" \(body.utf8.count) bytes" + cut, .muted)])
            out += Self.wrap(body, width: width).map { [TableCell($0, .text)] }
        }
        return out
    }

    /// Times and money as people read them, the exact value after: "364ms (0.364046)", "$0.0002 (0.000156915)".
    static func readable(_ attribute: TraceAttribute) -> String {
        guard let value = Double(attribute.value), value.isFinite else { return attribute.value }
        let key = attribute.key
        let shown: String
        if SpanKeys.ttft.contains(key) || key == "time_to_head" || key == "retry_after" {
            shown = Format.spanTime(value)
        } else if key == "cost" || key == "reserved" || key == "estimate" {
            shown = Format.dollars(value)
        } else {
            return attribute.value
        }
        return shown == attribute.value ? shown : "\(shown) (\(attribute.value))"
    }

    private func attributeRole(_ attribute: TraceAttribute) -> Role {
        switch attribute.key {
        case SpanKeys.status:
            guard let code = Int(attribute.value) else { return .text }
            return code < 300 ? .ok : (code == 429 ? .warn : .bad)
        case SpanKeys.errorClass:
            return attribute.value == ErrorClass.rateLimited.rawValue ? .warn : .bad
        default:
            return .text
        }
    }

    /// The colour of a routing candidate's state.
    static func stateRole(_ state: String) -> Role {
        switch state {
        case "available": .ok
        case "tried", "cooling", "half-open", "saturated": .warn
        case "open", "ejected": .bad
        case "disabled": .muted
        default: .text
        }
    }

    /// `text` in lines of at most `width` columns: at its own line breaks, then at a space when one is near the
    /// end, else cut (bodies hold long unbroken JSON).
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var out: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = Substring(raw.replacingOccurrences(of: "\t", with: "  ").replacingOccurrences(of: "\r", with: ""))
            if rest.isEmpty { out.append(""); continue }
            while rest.count > width {
                let head = rest.prefix(width)
                if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) >= width / 2 {
                    out.append(String(rest[rest.startIndex..<space]))
                    rest = rest[rest.index(after: space)...]
                } else {
                    out.append(String(head))
                    rest = rest.dropFirst(width)
                }
            }
            out.append(String(rest))
        }
        return out
    }
}
