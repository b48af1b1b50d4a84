import ArgumentParser
import Foundation
import SwitchyardControl
import SwitchyardControlAPI
import SwitchyardCore

/// `ctl keys`: virtual keys.
struct CtlKeys: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Create, list, show and revoke virtual keys.",
        discussion: """
            Examples:
              switchyard ctl keys create --name team-a/ci --team team-a --rpm 60
              switchyard ctl keys list
              switchyard ctl keys revoke team-a/ci
            """,
        subcommands: [CtlKeysCreate.self, CtlKeysList.self, CtlKeysShow.self, CtlKeysRevoke.self])
}

/// `ctl keys create`: mint a key; its secret is printed once.
struct CtlKeysCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a virtual key and print its secret (shown only this once).",
        discussion: """
            Examples:
              switchyard ctl keys create --name app/dev
              switchyard ctl keys create --name ml/ci --team ml --models gpt-4o --rpm 60
              switchyard ctl keys create --name trial --budget 5 --expires 30d
            """)
    @OptionGroup var options: CtlOptions
    @Option(help: "The key's name, e.g. team-a/ci (A–Z a–z 0–9 . _ / -).") var name: String
    @Option(help: "The team the key belongs to.") var team: String?
    @Option(help: ArgumentHelp("Model groups the key may call (default: all its team may).", valueName: "a,b"))
    var models: String?
    @Option(help: "Requests per minute.") var rpm: Int?
    @Option(help: "Tokens per minute.") var tpm: Int?
    @Option(help: ArgumentHelp("A budget for the key, in dollars.", valueName: "dollars")) var budget: Double?
    @Option(help: "The budget's period: daily, weekly, monthly or total (default: monthly).") var period: String?
    @Option(help: ArgumentHelp("Model group to move requests to when the budget is spent.", valueName: "model"))
    var downgradeTo: String?
    @Option(help: ArgumentHelp("The budget's policy: refuse (default) or clamp (lower max_tokens to fit).",
                               valueName: "refuse|clamp"))
    var budgetPolicy: String?
    @Option(help: ArgumentHelp("When the key stops working: a duration (30d, 12h) or a date (2026-12-31).",
                               valueName: "when"))
    var expires: String?
    @Option(help: ArgumentHelp("A label, repeatable.", valueName: "key=value")) var meta: [String] = []
    @Flag(help: "Print the created key and its secret as JSON.") var json = false

    func validate() throws {
        try CtlInput.checkLimits(rpm: rpm, tpm: tpm)
        if let budget { try CtlInput.checkDollars(budget, flag: "--budget") }
        if budget == nil && downgradeTo != nil { throw ValidationError("--downgrade-to needs --budget") }
        if budget == nil && budgetPolicy != nil { throw ValidationError("--budget-policy needs --budget") }
        if let budgetPolicy { try CtlInput.checkPolicy(budgetPolicy) }
        if budget == nil && period != nil { throw ValidationError("--period needs --budget") }
        if let period { try CtlInput.checkPeriod(period) }
        _ = try CtlInput.metadata(meta)
        if let expires, TimeArgument.duration(expires) == nil, TimeArgument.instant(expires) == nil {
            throw ValidationError("--expires '\(expires)' is not a duration (30d, 12h) or a date (2026-12-31)")
        }
    }

    func run() async throws {
        var request = KeyCreateRequest(
            name: name, team: team, models: CtlInput.list(models), rpm: rpm, tpm: tpm,
            budget: budget.map { KeyBudgetRequest(
                limit: $0, period: (period ?? "monthly").lowercased(), downgradeTo: downgradeTo,
                policy: budgetPolicy?.lowercased()) },
            metadata: try CtlInput.metadata(meta).nilIfEmpty)
        if let expires {
            if let seconds = TimeArgument.duration(expires) {
                request.expiresInSeconds = seconds
            } else {
                request.expiresAt = .text(expires)
            }
        }
        let body = try ControlJSON.encode(request)
        let created = try await options.governance(
            socket: { try await $0.request(CreatedKey.self, "POST", ControlPath.keys, body: body) },
            fleet: { [request] admin, _, actor in try admin.createKey(request, actor: actor) })
        if json { return try printJSON(created) }
        // The secret comes first: nothing before it may look like one (the prefix does).
        Console.out("Secret: \(created.secret)")
        Console.out("This secret cannot be shown again: store it now (only its hash is kept).")
        var facts = [created.key.team.map { "team \($0)" }]
        facts += created.key.budgets.map { "budget \(CtlTable.dollars($0.limit)) \($0.period.rawValue)" }
        facts.append(created.key.expiresAt.map { "expires \(CtlTable.utc($0)) UTC" })
        let details = facts.compactMap { $0 }
        Console.out("Created key '\(created.key.name)'" + (details.isEmpty ? "." : " (\(details.joined(separator: ", ")))."))
    }
}

/// `ctl keys list`: every key, never a secret.
struct CtlKeysList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List virtual keys.",
        discussion: """
            Examples:
              switchyard ctl keys list
              switchyard ctl keys list --json
            """)
    @OptionGroup var options: CtlOptions
    @Flag(help: "Print the keys as JSON.") var json = false

    func run() async throws {
        let keys = try await options.keys()
        if json { return try printJSON(keys) }
        if keys.isEmpty { return Console.out("no keys") }
        Console.out(CtlTable.keys(keys).render())
    }
}

/// `ctl keys show`: one key in detail.
struct CtlKeysShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one virtual key.",
        discussion: """
            Examples:
              switchyard ctl keys show team-a/ci
              switchyard ctl keys show team-a/ci --json
            """)
    @OptionGroup var options: CtlOptions
    @Argument(help: "The key's name.") var name: String
    @Flag(help: "Print the key as JSON.") var json = false

    func run() async throws {
        let key = try await options.governance(
            socket: { try await $0.request(KeyInfo.self, "GET", ControlPath.key(name)) },
            fleet: { [name] admin, fleet, _ in try admin.key(named: name).reported(by: fleet) })
        if json { return try printJSON(key) }
        Console.out(CtlTable.details(key))
    }
}

/// `ctl keys revoke`: stop a key at once.
struct CtlKeysRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a virtual key (at once).",
        discussion: """
            Examples:
              switchyard ctl keys revoke team-a/ci
            """)
    @OptionGroup var options: CtlOptions
    @Argument(help: "The key's name.") var name: String

    func run() async throws {
        let key = try await options.governance(
            socket: { try await $0.request(KeyInfo.self, "POST", ControlPath.revokeKey(name)) },
            fleet: { [name] admin, _, actor in try admin.revokeKey(named: name, actor: actor) })
        let when = key.revokedAt.map { " (since \(CtlTable.utc($0)) UTC)" } ?? ""
        Console.out("Revoked key '\(key.name)'\(when).")
    }
}
