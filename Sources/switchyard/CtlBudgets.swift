import ArgumentParser
import Foundation
import SwitchyardControl
import SwitchyardControlAPI
import SwitchyardCore

/// `ctl budgets`: spend limits by scope and period.
struct CtlBudgets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budgets", abstract: "Set, list and delete budgets.",
        discussion: """
            Examples:
              switchyard ctl budgets set team research --limit 25 --period weekly
              switchyard ctl budgets list
              switchyard ctl budgets delete team research --period weekly
            """,
        subcommands: [CtlBudgetsSet.self, CtlBudgetsList.self, CtlBudgetsDelete.self])
}

/// Which budget: `global`, or `team|key|model NAME`.
struct CtlBudgetScope: ParsableArguments {
    @Argument(help: "global, team, key or model.") var scope: String
    @Argument(help: "The team, key or model (not for global).") var name: String?

    func validate() throws {
        switch scope.lowercased() {
        case "global":
            if name != nil { throw ValidationError("a global budget takes no name") }
        case "team", "key", "model":
            if name == nil { throw ValidationError("name the \(scope.lowercased()) the budget is for") }
        default:
            throw ValidationError("scope must be global, team, key or model, got '\(scope)'")
        }
    }
}

/// `ctl budgets set`: create or change a budget (spend so far is kept).
struct CtlBudgetsSet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Create or change a budget, e.g. `budgets set team team-a --limit 25 --period weekly`.",
        discussion: """
            Examples:
              switchyard ctl budgets set global --limit 1000 --period monthly
              switchyard ctl budgets set team ml --limit 25 --downgrade-to gpt-4o-mini
              switchyard ctl budgets set key ci --limit 1 --period daily --policy clamp
            """)
    @OptionGroup var options: CtlOptions
    @OptionGroup var target: CtlBudgetScope
    @Option(help: ArgumentHelp("The limit in dollars.", valueName: "dollars")) var limit: Double
    @Option(help: "daily, weekly, monthly or total.") var period = "monthly"
    @Option(help: ArgumentHelp("Model group to move requests to when it is spent.", valueName: "model"))
    var downgradeTo: String?
    @Option(help: ArgumentHelp(
        "refuse: a request that does not fit what is left gets 429 (default); clamp: its max_tokens is lowered to fit.",
        valueName: "refuse|clamp"))
    var policy: String?

    func validate() throws {
        try CtlInput.checkDollars(limit, flag: "--limit")
        try CtlInput.checkPeriod(period)
        if let policy { try CtlInput.checkPolicy(policy) }
    }

    func run() async throws {
        let request = BudgetRequest(scope: target.scope.lowercased(), name: target.name, limit: limit,
                                    period: period.lowercased(), downgradeTo: downgradeTo,
                                    policy: policy?.lowercased())
        let body = try ControlJSON.encode(request)
        let info = try await options.governance(
            socket: { try await $0.request(BudgetInfo.self, "PUT", ControlPath.budgets, body: body) },
            fleet: { [request] admin, fleet, actor in
                try admin.setBudget(request, actor: actor).reported(by: fleet)
            })
        let b = info.budget
        Console.out("Budget \(b.scope.label) \(b.period.rawValue): \(CtlTable.dollars(b.limit)), "
            + "\(CtlTable.dollars(b.spent)) spent" + CtlTable.whenShort(b) + ".")
    }
}

/// `ctl budgets list`.
struct CtlBudgetsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List budgets with their spend.",
        discussion: """
            Examples:
              switchyard ctl budgets list
              switchyard ctl budgets list --json
            """)
    @OptionGroup var options: CtlOptions
    @Flag(help: "Print the budgets as JSON (an array of budget snapshots with a source field).") var json = false

    func run() async throws {
        let budgets = try await options.governance(
            socket: { try await $0.request([BudgetInfo].self, "GET", ControlPath.budgets) },
            fleet: { admin, fleet, _ in BudgetInfo.fleet(stored: admin.budgets(), reported: fleet.budgets) })
        if json { return try printJSON(budgets) }
        if budgets.isEmpty { return Console.out("no budgets") }
        Console.out(CtlTable.budgets(budgets).render())
    }
}

/// `ctl budgets delete`.
struct CtlBudgetsDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a budget.",
        discussion: """
            Examples:
              switchyard ctl budgets delete team research --period weekly
              switchyard ctl budgets delete global --period monthly
            """)
    @OptionGroup var options: CtlOptions
    @OptionGroup var target: CtlBudgetScope
    @Option(help: "daily, weekly, monthly or total.") var period: String

    func validate() throws { try CtlInput.checkPeriod(period) }

    func run() async throws {
        let request = BudgetRequest(scope: target.scope.lowercased(), name: target.name, period: period.lowercased())
        let body = try ControlJSON.encode(request)
        let removed = try await options.governance(
            socket: { try await $0.request(BudgetSpec.self, "DELETE", ControlPath.budgets, body: body) },
            fleet: { [request] admin, _, actor in try admin.deleteBudget(request, actor: actor) })
        Console.out("Deleted the \(removed.scope.label) \(removed.period.rawValue) budget (\(CtlTable.dollars(removed.limit))).")
    }
}
