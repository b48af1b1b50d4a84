import Foundation
import Logging
import SwitchyardCore

/// Budgets crossing into their last fifth, running out and becoming available again, as log events: an on-call
/// operator learns from the log that a team's requests are now refused or downgraded, not from its developers.
/// The transitions are a pure function of two looks at the budgets (`alerts`); `GovernanceUpkeep` looks every
/// few seconds.
public struct BudgetWatch: Sendable {
    /// How far a budget is used.
    enum Standing: Int, Comparable, Sendable {
        case under, nearlySpent, exhausted

        static func < (a: Standing, b: Standing) -> Bool { a.rawValue < b.rawValue }

        /// Spent plus what requests in flight hold, against the limit; a reservation alone does not exhaust it.
        init(_ budget: BudgetSnapshot) {
            if budget.spent >= budget.limit {
                self = .exhausted
            } else if budget.spent + budget.reserved >= budget.limit * BudgetWatch.nearlySpentShare {
                self = .nearlySpent
            } else {
                self = .under
            }
        }
    }

    /// The share of a budget past which it is nearly spent.
    static let nearlySpentShare = 0.8

    /// One log event.
    struct Alert: Equatable, Sendable {
        var level: Logger.Level
        var message: String
        var budget: String
    }

    private var standings: [BudgetIdentity: Standing] = [:]

    public init() {}

    /// What changed since the last look, as log events; budgets seen for the first time report how they stand
    /// if that is worth saying (a gateway started on an exhausted budget says so).
    mutating func alerts(_ budgets: [BudgetSnapshot]) -> [Alert] {
        var next: [BudgetIdentity: Standing] = [:]
        var alerts: [Alert] = []
        for budget in budgets {
            let key = BudgetIdentity(scope: budget.scope, period: budget.period)
            let standing = Standing(budget)
            next[key] = standing
            let before = standings[key] ?? .under
            guard standing != before else { continue }
            let name = "\(budget.scope.label) \(budget.period.rawValue) budget"
            let used = "\(Dollars.text(budget.spent)) of \(Dollars.text(budget.limit)) spent"
            switch standing {
            case .exhausted:
                let effect = budget.downgradeTo.map { "requests move to \($0)" } ?? "requests are refused with 429"
                alerts.append(Alert(level: .warning,
                                    message: "budget exhausted: \(name): \(used); \(effect) \(Self.until(budget))",
                                    budget: name))
            case .nearlySpent where before == .under:
                alerts.append(Alert(level: .notice, message: "budget nearly spent: \(name): \(used)", budget: name))
            case .nearlySpent, .under:
                if before == .exhausted {
                    alerts.append(Alert(level: .notice, message: "budget available again: \(name): \(used)", budget: name))
                }
            }
        }
        standings = next
        return alerts
    }

    /// "until it resets at 2026-12-08T00:00:00.000Z", or what to do about a budget that never resets.
    static func until(_ budget: BudgetSnapshot) -> String {
        budget.resetsAt.map { "until it resets at \(LogTime.rfc3339($0))" } ?? "until its limit is raised (it never resets)"
    }

    /// Logs what changed in `budgets`.
    mutating func log(_ budgets: [BudgetSnapshot], to logger: Logger) {
        for alert in alerts(budgets) {
            logger.log(level: alert.level, "\(alert.message)", metadata: ["event": "budget", "budget": "\(alert.budget)"])
        }
    }
}
