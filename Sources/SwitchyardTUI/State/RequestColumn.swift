/// A column the Requests pane can show; `c` picks which.
public enum RequestColumn: String, Sendable, Hashable, CaseIterable, Codable {
    case done, id, model, status, latency, ttft, tries, tokens, cost, key, team, servedBy

    /// The header the pane draws.
    public var header: String {
        switch self {
        case .status: "st"
        case .servedBy: "served by"
        default: rawValue
        }
    }

    /// What the picker says the column shows.
    public var meaning: String {
        switch self {
        case .done: "when the request finished"
        case .id: "request id"
        case .model: "model asked for"
        case .status: "HTTP status"
        case .latency: "total latency"
        case .ttft: "time to first token"
        case .tries: "attempts, and whether it fell back"
        case .tokens: "tokens in → out"
        case .cost: "cost in dollars"
        case .key: "virtual key"
        case .team: "team that paid"
        case .servedBy: "deployment that answered"
        }
    }

    /// Shown until the operator picks otherwise: what fits beside the other panes. Zoomed, the pane also shows
    /// ttft and team, whose room the shared band does not have.
    public static let defaults: Set<RequestColumn> = Set(allCases).subtracting([.ttft, .team])
    /// Added while the pane is zoomed.
    public static let zoomExtras: Set<RequestColumn> = [.ttft, .team]
}
