import Foundation
import SwitchyardCore
import SwitchyardGateway
import SwitchyardGovernance

/// How management changes read in the audit log.
extension GovernanceAdmin {
    /// "key load total", "global monthly".
    static func label(_ id: BudgetIdentity) -> String {
        "\(id.scope.label) \(id.period.rawValue)"
    }

    /// "$25.00 weekly → gpt-4o-mini".
    static func describe(_ spec: BudgetSpec) -> String {
        var text = "$" + String(format: "%.2f", spec.limit) + " \(spec.period.rawValue)"
        if let target = spec.downgradeTo { text += " → \(target)" }
        if spec.policy == .clamp { text += ", clamp" }
        return text
    }

    /// "models a,b, rpm 10, tpm -" — never the secret or its hash.
    static func describe(_ team: TeamSpec) -> String {
        limits(models: team.models, team.limits)
    }

    /// The new key's settings, for the audit log: its prefix, team, limits, expiry and budget.
    static func describe(_ record: VirtualKeyRecord, budget: BudgetSpec?) -> String {
        var parts = ["prefix \(record.prefix)"]
        if let team = record.team { parts.append("team \(team)") }
        parts.append(limits(models: record.models, record.limits))
        if let expiry = record.expiresAt {
            parts.append("expires " + ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: expiry.rounded())))
        }
        if let budget { parts.append("budget " + describe(budget)) }
        return parts.joined(separator: ", ")
    }

    private static func limits(models: [String]?, _ limits: RateLimits) -> String {
        let models = models.map { $0.joined(separator: ",") } ?? "all"
        return "models \(models), rpm \(limits.rpm.map(String.init) ?? "-"), tpm \(limits.tpm.map(String.init) ?? "-")"
    }
}
