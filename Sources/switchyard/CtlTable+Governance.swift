import Foundation
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore

/// Tables for keys, teams, budgets and spend.
extension CtlTable {
    /// "$25.00"; sub-cent amounts keep four decimals so small test spend does not read as zero.
    static func dollars(_ amount: Double) -> String {
        abs(amount) > 0 && abs(amount) < 0.01 ? String(format: "$%.4f", amount) : String(format: "$%.2f", amount)
    }

    static func optional(_ value: Int?) -> String { value.map(String.init) ?? "-" }

    static func models(_ models: [String]?) -> String { models.map { $0.joined(separator: ",") } ?? "all" }

    /// "$1.20/$25.00 weekly" for each of a key's budgets.
    static func budgetSummary(_ budgets: [BudgetSnapshot]) -> String {
        budgets.isEmpty ? "-" : budgets.map { "\(dollars($0.spent))/\(dollars($0.limit)) \($0.period.rawValue)" }
            .joined(separator: "; ")
    }

    /// Keys: state, team, limits, budget and recent spend.
    static func keys(_ keys: [KeyInfo]) -> CtlTable {
        var table = CtlTable(
            headers: ["NAME", "PREFIX", "STATE", "TEAM", "MODELS", "RPM", "TPM", "BUDGET", "SPENT 24H", "EXPIRES (UTC)"],
            numeric: [5, 6, 8])
        for k in keys {
            table.rows.append([k.name, k.prefix, k.state.rawValue, k.team ?? "-", models(k.models), optional(k.rpm),
                               optional(k.tpm), budgetSummary(k.budgets), dollars(k.spent24h),
                               k.expiresAt.map(utc) ?? "-"])
        }
        return table
    }

    /// One key, a field per line.
    static func details(_ k: KeyInfo) -> String {
        var fields: [(String, String)] = [
            ("name", k.name), ("prefix", k.prefix), ("state", k.state.rawValue), ("team", k.team ?? "-"),
            ("models", models(k.models)), ("rpm", optional(k.rpm)), ("tpm", optional(k.tpm)),
            ("created", utc(k.createdAt) + " UTC"), ("expires", k.expiresAt.map { utc($0) + " UTC" } ?? "never"),
            ("revoked", k.revokedAt.map { utc($0) + " UTC" } ?? "-"), ("spent 24h", dollars(k.spent24h)),
        ]
        for b in k.budgets {
            var text = "\(dollars(b.spent)) of \(dollars(b.limit)) \(b.period.rawValue)"
            if let reset = b.resetsAt { text += ", resets \(utc(reset)) UTC" }
            text += whenShort(b)
            fields.append(("budget", text))
        }
        for (label, value) in k.metadata.sorted(by: { $0.key < $1.key }) { fields.append(("meta", "\(label)=\(value)")) }
        let width = fields.map(\.0.count).max() ?? 0
        return fields.map { $0.0 + ":" + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 }
            .joined(separator: "\n")
    }

    /// What a budget does once it cannot pay, as a clause: ", then downgrade to M", ", max_tokens clamped to fit".
    static func whenShort(_ b: BudgetSnapshot) -> String {
        let downgrade = b.downgradeTo.map { ", then downgrade to \($0)" } ?? ""
        return downgrade + (b.policy == .clamp ? ", max_tokens clamped to fit" : "")
    }

    /// Teams: owner, permissions, limits and how many keys they have.
    static func teams(_ teams: [TeamInfo]) -> CtlTable {
        var table = CtlTable(headers: ["TEAM", "SOURCE", "MODELS", "RPM", "TPM", "KEYS"], numeric: [3, 4, 5])
        for t in teams {
            table.rows.append([t.name, t.source.rawValue, models(t.models), optional(t.rpm), optional(t.tpm),
                               String(t.keys)])
        }
        return table
    }

    /// Budgets: spend against limit, burn, reset and owner.
    static func budgets(_ budgets: [BudgetInfo]) -> CtlTable {
        var table = CtlTable(
            headers: ["SCOPE", "PERIOD", "LIMIT", "SPENT", "USED", "RESERVED", "BURN/H", "RESETS (UTC)", "POLICY",
                      "DOWNGRADE", "SOURCE"],
            numeric: [2, 3, 4, 5, 6])
        for info in budgets {
            let b = info.budget
            table.rows.append([b.scope.label, b.period.rawValue, dollars(b.limit), dollars(b.spent), percent(b.fraction),
                               dollars(b.reserved), dollars(b.burnPerHour), b.resetsAt.map(utc) ?? "-",
                               (b.policy ?? .refuse).rawValue, b.downgradeTo ?? "-", info.source.rawValue])
        }
        return table
    }

    /// Spend rows, highest cost first, then the total.
    static func spend(_ report: SpendReport) -> CtlTable {
        var table = CtlTable(
            headers: [report.grouping.rawValue.uppercased(), "REQUESTS", "ERRORS", "INPUT TOK", "OUTPUT TOK", "COST",
                      "UNPRICED"],
            numeric: [1, 2, 3, 4, 5, 6])
        func cells(_ row: SpendReportRow, name: String) -> [String] {
            [name, String(row.requests), String(row.errors), String(row.inputTokens), String(row.outputTokens),
             dollars(row.cost), String(row.unpriced)]
        }
        for row in report.rows { table.rows.append(cells(row, name: row.name ?? "(none)")) }
        if let total = report.total { table.rows.append(cells(total, name: "TOTAL")) }
        return table
    }

    /// How far behind the shared ledger is on the replica that answered.
    static func shipping(_ shared: SharedLedgerStatus, now: Double) -> String {
        var line: String
        if shared.pendingRows == 0 {
            line = "Replica \(shared.replica): every ledger row shipped."
        } else {
            let age = shared.oldestPending.map { " (oldest \(InputBounds.formatNumber(max(0, (now - $0).rounded()))) s ago)" } ?? ""
            line = "Replica \(shared.replica): \(shared.pendingRows) ledger row\(shared.pendingRows == 1 ? "" : "s") not shipped yet\(age), not in these figures."
        }
        if let error = shared.shippingError { line += " Shipping stalled: \(error)" }
        return line
    }

    /// The rows (not the total) as CSV with a header; costs in full precision, times in epoch seconds.
    static func spendCSV(_ report: SpendReport) -> String {
        var lines = ["\(report.grouping.rawValue),requests,errors,input_tokens,output_tokens,cost,unpriced,first_time,last_time"]
        for r in report.rows {
            lines.append([csvField(r.name ?? ""), String(r.requests), String(r.errors), String(r.inputTokens),
                          String(r.outputTokens), String(r.cost), String(r.unpriced), String(r.firstTime),
                          String(r.lastTime)].joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    /// Quotes a CSV field when it holds a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
