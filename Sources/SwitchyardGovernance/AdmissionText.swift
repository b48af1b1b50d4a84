import Foundation
import SwitchyardCore

/// How admission errors write dollars, durations and reset times, so every message reads the same.
enum AdmissionText {
    /// "$100.00", "$0.500", "$0.0042" (`Dollars.text`).
    static func dollars(_ amount: Double) -> String { Dollars.text(amount) }

    /// "12s", "4m 10s", "3h 05m" (rounded up: a client retrying at the stated time must not be early).
    static func seconds(_ value: Double) -> String {
        let total = Int(saturating: max(0, value).rounded(.up))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m \(total % 60)s" }
        return "\(total / 3600)h " + String(format: "%02dm", (total % 3600) / 60)
    }

    /// "2026-11-26 00:00 Europe/Berlin": wall-clock time in the zone budgets reset in.
    static func time(_ epoch: Double, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: epoch))
        let text = String(
            format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
        // Foundation on Linux names UTC "GMT"; operators configure and expect "UTC".
        let name = zone.identifier == "GMT" ? "UTC" : zone.identifier
        return text + " " + name
    }

    /// "team team-a daily budget $100.00".
    static func budget(_ spec: BudgetSpec) -> String {
        let period = spec.period == .total ? "total" : spec.period.rawValue
        return "\(spec.scope.label) \(period) budget \(dollars(spec.limit))"
    }
}
