import ArgumentParser
import Foundation
import SwitchyardControlAPI
import SwitchyardStore

/// `ctl spend`: what the ledger says was spent, grouped.
struct CtlSpend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spend", abstract: "Report spend from the ledger by key, team, model, deployment or (in a fleet) replica.",
        discussion: """
            A replica sharing a database reports the whole fleet's shared ledger, and says how many of its own
            rows have not been shipped to it yet.

            Examples:
              switchyard ctl spend
              switchyard ctl spend --by team --since 7d
              switchyard ctl spend --by model --since 2026-12-01 --until 2026-12-07 --csv
              switchyard ctl spend --by replica   # a fleet sharing a database
            """)
    @OptionGroup var options: CtlOptions
    @Option(help: "key, team, model, deployment or replica (replica: a fleet sharing a database).") var by = "key"
    @Option(help: ArgumentHelp("Start: a duration back from now (30m, 24h, 7d), a date or epoch seconds.", valueName: "when"))
    var since = "24h"
    @Option(help: ArgumentHelp("End (default: now), in the same forms.", valueName: "when")) var until: String?
    @Flag(help: "Print the report as JSON.") var json = false
    @Flag(help: "Print the rows as CSV.") var csv = false

    func validate() throws {
        guard SpendGrouping(rawValue: by.lowercased()) != nil else {
            throw ValidationError("--by must be key, team, model, deployment or replica, got '\(by)'")
        }
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, TimeArgument.past(value, now: 0) == nil {
                throw ValidationError("\(flag) '\(value)' is not a time: use \(TimeArgument.accepted)")
            }
        }
        if json && csv { throw ValidationError("choose --json or --csv, not both") }
    }

    func run() async throws {
        var query = [(name: "by", value: by.lowercased()), (name: "since", value: since)]
        if let until { query.append(("until", until)) }
        let path = ControlPath.query(ControlPath.spend, query)
        let report = try await options.run { try await $0.request(SpendReport.self, "GET", path) }
        if json { return try printJSON(report) }
        if csv { return Console.out(CtlTable.spendCSV(report)) }
        Console.out("Spend by \(report.grouping.rawValue) from \(CtlTable.utc(report.since)) UTC"
            + (report.until.map { " to \(CtlTable.utc($0)) UTC" } ?? " to now")
            + (report.shared.map { ", fleet ledger (\($0.replicas) replica\($0.replicas == 1 ? "" : "s"))" } ?? ""))
        if report.rows.isEmpty {
            Console.out("no requests in this window")
        } else {
            Console.out(CtlTable.spend(report).render())
        }
        if let shared = report.shared { Console.out(CtlTable.shipping(shared, now: Date().timeIntervalSince1970)) }
    }
}
