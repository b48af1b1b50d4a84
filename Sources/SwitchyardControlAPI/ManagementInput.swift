import Foundation
import SwitchyardCore

/// Management request fields read into governance values, checked before anything changes: the control API
/// answers what these throw with their status, and the fuzzer drives them with arbitrary bodies.
public enum ManagementInput {
    /// The scope named by `kind` and `name` ("team" + "team-a"); `global` takes no name.
    public static func scope(_ kind: String, name: String?) throws(GovernanceRefusal) -> BudgetScope {
        let name = name?.trimmingCharacters(in: .whitespaces)
        switch kind.lowercased() {
        case "global":
            if let name, !name.isEmpty { throw GovernanceRefusal(400, "a global budget takes no name (got '\(name)')") }
            return .global
        case "team", "key", "model":
            guard let name, !name.isEmpty else {
                throw GovernanceRefusal(400, "a \(kind.lowercased()) budget needs the \(kind.lowercased())'s name in \"name\"")
            }
            switch kind.lowercased() {
            case "team": return .team(name)
            case "key": return .key(name)
            default: return .model(name)
            }
        default:
            throw GovernanceRefusal(400, "scope must be global, team, key or model (got '\(kind)')")
        }
    }

    /// The period named `text`.
    public static func period(_ text: String) throws(GovernanceRefusal) -> BudgetPeriod {
        guard let period = BudgetPeriod(rawValue: text.lowercased()) else {
            throw GovernanceRefusal(400, "period must be daily, weekly, monthly or total (got '\(text)')")
        }
        return period
    }

    /// A budget checked before anything changes, so a key is never created with a budget that is then refused.
    public static func budgetSpec(
        scope: BudgetScope, limit: Double, period: String, downgradeTo: String?, policy: String?
    ) throws(GovernanceRefusal) -> BudgetSpec {
        guard InputBounds.budgetDollars.contains(limit) else {
            throw GovernanceRefusal(400, "budget limit must be a number of dollars \(InputBounds.describe(InputBounds.budgetDollars)) (got \(InputBounds.formatNumber(limit)))")
        }
        if let target = downgradeTo, target.trimmingCharacters(in: .whitespaces).isEmpty {
            throw GovernanceRefusal(400, "downgrade_to must name a model group")
        }
        var chosen = BudgetPolicy.refuse
        if let policy {
            guard let known = BudgetPolicy(rawValue: policy.lowercased()) else {
                throw GovernanceRefusal(400, "policy must be refuse or clamp (got '\(policy)')")
            }
            chosen = known
        }
        return BudgetSpec(
            scope: scope, limit: limit, period: try Self.period(period), downgradeTo: downgradeTo, policy: chosen)
    }

    /// The key's expiry from `expires_at` or `expires_in_seconds`; it must lie in the future.
    public static func expiry(_ request: KeyCreateRequest, now: Double) throws(GovernanceRefusal) -> Double? {
        let expiry: Double?
        switch (request.expiresAt, request.expiresInSeconds) {
        case (.some, .some):
            throw GovernanceRefusal(400, "give expires_at or expires_in_seconds, not both")
        case (.some(.epoch(let seconds)), nil):
            expiry = seconds
        case (.some(.text(let text)), nil):
            guard let instant = TimeArgument.instant(text) else {
                throw GovernanceRefusal(400, "expires_at '\(text)' is not a time: use epoch seconds, a date (2026-12-31) or an ISO datetime")
            }
            expiry = instant
        case (nil, .some(let seconds)):
            guard seconds.isFinite, seconds > 0 else {
                throw GovernanceRefusal(400, "expires_in_seconds must be a positive number (got \(seconds))")
            }
            expiry = now + seconds
        case (nil, nil):
            expiry = nil
        }
        if let expiry, !(expiry.isFinite && expiry > now) {
            throw GovernanceRefusal(400, "the key would already be expired: expiry \(expiry) is not after now (\(now.rounded()))")
        }
        return expiry
    }
}
