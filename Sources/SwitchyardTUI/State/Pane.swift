import SwitchyardCore

/// The dashboard panes, in focus order (`1`–`7`, Tab); a fleet's Replicas pane is there only in a fleet view.
public enum Pane: Int, Sendable, Hashable, CaseIterable {
    case providers, latency, errors, events, budget, requests, replicas

    /// The pane's title.
    public var title: String {
        switch self {
        case .providers: "Providers"
        case .latency: "Latency"
        case .errors: "Errors /s"
        case .events: "Fallbacks"
        case .budget: "Budget"
        case .requests: "Requests"
        case .replicas: "Replicas"
        }
    }

    /// The next pane in focus order, wrapping.
    public var next: Pane { Pane(rawValue: (rawValue + 1) % Pane.allCases.count) ?? .providers }
    /// The previous pane in focus order, wrapping.
    public var previous: Pane {
        Pane(rawValue: (rawValue + Pane.allCases.count - 1) % Pane.allCases.count) ?? .providers
    }
}

/// A detail view opened with Enter.
public enum Drill: Sendable, Hashable {
    /// A provider's deployments.
    case provider(String)
    /// A request's attempts.
    case request(String)
    /// A team's budgets and keys.
    case team(String)
    /// Task routing: each task's traffic, group, cost, escalations and savings (`R`).
    case routing
}

/// What is drawn over the panes.
public enum Overlay: Sendable, Hashable {
    case none
    case help
    /// Asks y/n before sending a command.
    case confirm(ControlCommand)
    /// Asks y/n before quitting (serve mode).
    case confirmQuit
    /// The Requests pane's column picker (`c`).
    case columns
}
