import SwitchyardCore

/// How a table pane is sorted: by one of its sortable columns (`s` cycles them, `S` reverses). A pane without an
/// order keeps the snapshot's own order.
public struct SortOrder: Sendable, Hashable {
    /// Index into `SortOrder.columns(of:)` of the pane.
    public var column: Int
    /// Whether the column's natural direction is flipped: names sort A–Z and numbers largest first, so that the
    /// first press answers "who is worst" without a second key.
    public var reversed: Bool

    /// Sorted by column `column`, in its natural direction unless `reversed`.
    public init(column: Int, reversed: Bool = false) {
        self.column = column
        self.reversed = reversed
    }

    /// A value a row is compared by.
    public enum Value: Sendable, Comparable {
        case text(String)
        case number(Double)
    }

    /// The sortable columns of `pane`, by the header the pane draws for them; empty for panes that do not sort.
    public static func columns(of pane: Pane) -> [String] {
        switch pane {
        case .providers: ["provider", "status", "shr", "req/s", "err%"]
        case .latency: ["model", "p50", "p95", "p99", "req/s"]
        case .budget: ["budget", "spent", "used", "$/h"]
        case .requests: ["done", "model", "st", "latency", "tokens", "cost"]
        case .errors, .events, .replicas: []
        }
    }

    /// Whether `pane` can be sorted.
    public static func sorts(_ pane: Pane) -> Bool { !columns(of: pane).isEmpty }

    /// The header of the sorted column in `pane`.
    public func header(in pane: Pane) -> String? {
        let names = Self.columns(of: pane)
        return names.indices.contains(column) ? names[column] : nil
    }

    /// Columns of names; the others hold numbers.
    static let textColumns: Set<String> = ["provider", "status", "model", "budget"]

    /// Whether this order shows smallest first (the header's arrow points up).
    public func ascending(in pane: Pane) -> Bool {
        let isText = header(in: pane).map(Self.textColumns.contains) ?? true
        return isText != reversed
    }

    /// `rows` ordered by the column's value, ties keeping their order (so an equal pair does not swap on every
    /// snapshot).
    func sorted<Row>(_ rows: [Row], in pane: Pane, by value: (Row, String) -> Value) -> [Row] {
        guard let column = header(in: pane) else { return rows }
        let values = rows.map { value($0, column) }
        let up = ascending(in: pane)
        return rows.indices.sorted { a, b in
            if values[a] != values[b] { return up ? values[a] < values[b] : values[a] > values[b] }
            return a < b
        }.map { rows[$0] }
    }
}

extension SortOrder {
    /// A provider's value in sortable column `column` (see `columns(of:)`).
    static func value(_ p: ProviderSnapshot, _ column: String) -> Value {
        switch column {
        case "status": .text(p.status.rawValue)
        case "shr": .number(p.trafficShare)
        case "req/s": .number(p.requestsPerSecond)
        case "err%": .number(p.errorRate)
        default: .text(p.name)
        }
    }

    /// A model group's value in sortable column `column`.
    static func value(_ m: ModelSnapshot, _ column: String) -> Value {
        switch column {
        case "p50": .number(m.latencyP50)
        case "p95": .number(m.latencyP95)
        case "p99": .number(m.latencyP99)
        case "req/s": .number(m.requestsPerSecond)
        default: .text(m.name)
        }
    }

    /// A budget's value in sortable column `column`.
    static func value(_ b: BudgetSnapshot, _ column: String) -> Value {
        switch column {
        case "spent": .number(b.spent)
        case "used": .number(b.fraction)
        case "$/h": .number(b.burnPerHour)
        default: .text(b.scope.label)
        }
    }

    /// A request's value in sortable column `column`.
    static func value(_ r: RequestRecord, _ column: String) -> Value {
        switch column {
        case "model": .text(r.model)
        case "st": .number(Double(r.status))
        case "latency": .number(r.latency)
        case "tokens": .number(Double(r.inputTokens + r.outputTokens))
        case "cost": .number(r.cost)
        default: .number(r.time + r.latency)
        }
    }
}
