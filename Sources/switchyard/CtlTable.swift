import Foundation
import SwitchyardCore

/// Plain-text tables for `switchyard ctl`: left-aligned text, right-aligned numbers, two spaces apart.
struct CtlTable {
    var headers: [String]
    /// Columns whose cells are right-aligned.
    var numeric: Set<Int>
    var rows: [[String]] = []

    func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                parts.append(numeric.contains(i) ? pad + cell : cell + pad)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }

    static func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }

    static func rate(_ perSecond: Double) -> String {
        String(format: "%.1f", perSecond)
    }

    /// Providers: status, share of traffic, rates and breakers.
    static func providers(_ snapshot: GatewaySnapshot) -> CtlTable {
        var table = CtlTable(
            headers: ["PROVIDER", "STATUS", "WEIGHT", "SHARE", "REQ/S", "ERR %", "BREAKER"], numeric: [2, 3, 4, 5])
        for p in snapshot.providers {
            var breaker = "closed"
            if p.openBreakers > 0 || p.halfOpenBreakers > 0 {
                breaker = [p.openBreakers > 0 ? "\(p.openBreakers) open" : nil,
                           p.halfOpenBreakers > 0 ? "\(p.halfOpenBreakers) half-open" : nil]
                    .compactMap { $0 }.joined(separator: ", ")
            }
            table.rows.append([p.name, p.status.rawValue, "-", percent(p.trafficShare), rate(p.requestsPerSecond),
                               percent(p.errorRate), breaker])
        }
        return table
    }

    /// Deployments: overrides in force, health, share within their group, rates, breaker.
    static func deployments(_ snapshot: GatewaySnapshot) -> CtlTable {
        var table = CtlTable(
            headers: ["DEPLOYMENT", "STATUS", "WEIGHT", "SHARE", "REQ/S", "ERR %", "BREAKER"], numeric: [2, 3, 4, 5])
        for d in snapshot.deployments {
            table.rows.append([d.id, d.status.rawValue, InputBounds.formatNumber(d.weight), percent(d.trafficShare),
                               rate(d.requestsPerSecond), percent(d.errorRate), d.breaker.rawValue])
        }
        return table
    }

    /// Model groups: strategy, rates, latency and where they fall back to.
    static func models(_ snapshot: GatewaySnapshot) -> CtlTable {
        var table = CtlTable(
            headers: ["MODEL", "STRATEGY", "REQ/S", "ERR %", "P50 MS", "P95 MS", "DEPLOYMENTS", "FALLBACKS"],
            numeric: [2, 3, 4, 5])
        for m in snapshot.models {
            table.rows.append([m.name, m.strategy.rawValue, rate(m.requestsPerSecond), percent(m.errorRate),
                               String(Int(m.latencyP50.rounded())), String(Int(m.latencyP95.rounded())),
                               m.deploymentIDs.joined(separator: ","),
                               m.fallbacks.isEmpty ? "-" : m.fallbacks.joined(separator: ",")])
        }
        return table
    }

    /// Task routing: a row per task of each task-routed model.
    static func routing(_ rows: [TaskRoutingRow]) -> CtlTable {
        var table = CtlTable(
            headers: ["MODEL", "TASK", "REQ/MIN", "REQUESTS", "GROUP", "DEPLOYMENT", "COST", "ESCALATED", "SAVED"],
            numeric: [2, 3, 6, 7, 8])
        for r in rows {
            table.rows.append([r.model, r.task, String(r.perMinute), String(r.requests), r.group ?? "-",
                               r.deployment ?? "-", dollars(r.cost), String(r.escalations), dollars(r.saved)])
        }
        return table
    }

    /// The audit log, oldest first.
    static func audit(_ records: [AuditRecord]) -> CtlTable {
        var table = CtlTable(headers: ["#", "TIME (UTC)", "ACTOR", "ACTION", "BEFORE", "AFTER"], numeric: [0])
        for r in records {
            table.rows.append([String(r.sequence), utc(r.time), r.actor, r.action, r.before, r.after])
        }
        return table
    }

    static func utc(_ epoch: Double) -> String {
        var seconds = time_t(epoch)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
