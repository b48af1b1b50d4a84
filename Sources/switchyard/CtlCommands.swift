import ArgumentParser
import Foundation
import SwitchyardControl
import SwitchyardControlAPI
import SwitchyardCore

/// `ctl status`: providers and deployments at a glance.
struct CtlStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show providers and deployments: status, weight, share, req/s, errors, breaker.",
        discussion: """
            Examples:
              switchyard ctl status
              switchyard ctl status --json
            """)
    @OptionGroup var options: CtlOptions
    @Flag(help: "Print the whole snapshot as JSON.") var json = false

    func run() async throws {
        let snapshot = try await options.snapshot()
        if json { return try printJSON(snapshot) }
        let t = snapshot.totals
        let which = snapshot.fleet.map { "fleet · \($0.replicas.count) replicas (\($0.downCount) down)" }
            ?? "\(snapshot.info.mode) \(snapshot.info.address ?? "")"
        Console.out("\(which) · \(CtlTable.rate(t.requestsPerSecond)) req/s · "
            + "\(CtlTable.percent(t.errorRate)) errors · \(t.inFlight) in flight"
            + (snapshot.canUndo ? " · undo available" : ""))
        if let shared = snapshot.sharedState { Console.out(Self.sharedStateLine(shared, now: snapshot.time)) }
        Console.out("")
        Console.out(CtlTable.providers(snapshot).render())
        Console.out("")
        Console.out(CtlTable.deployments(snapshot).render())
    }

    /// "shared database: reachable", or how long it has not been and what budgets do meanwhile.
    static func sharedStateLine(_ shared: SharedStateHealth, now: Double) -> String {
        guard !shared.reachable else { return "shared database: reachable" }
        let seconds = Int(saturating: shared.downFor(now: now).rounded())
        return "shared database: UNREACHABLE for \(seconds)s · \(shared.budgetsText)"
    }
}

/// `ctl providers`: the providers table.
struct CtlProviders: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "providers", abstract: "List providers.",
        discussion: """
            Examples:
              switchyard ctl providers
              switchyard ctl providers --json
            """)
    @OptionGroup var options: CtlOptions
    @Flag(help: "Print the providers as JSON.") var json = false

    func run() async throws {
        let snapshot = try await options.snapshot()
        if json { return try printJSON(snapshot.providers) }
        Console.out(CtlTable.providers(snapshot).render())
    }
}

/// `ctl models`: the model groups table.
struct CtlModels: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "models", abstract: "List model groups.",
        discussion: """
            Examples:
              switchyard ctl models
              switchyard ctl models --json
            """)
    @OptionGroup var options: CtlOptions
    @Flag(help: "Print the models as JSON.") var json = false

    func run() async throws {
        let snapshot = try await options.snapshot()
        if json { return try printJSON(snapshot.models) }
        Console.out(CtlTable.models(snapshot).render())
    }
}

/// The target of `disable`/`enable`: a provider by name, or one deployment.
struct CtlTarget: ParsableArguments {
    @Argument(help: "The provider to act on.") var provider: String?
    @Option(help: ArgumentHelp("A deployment to act on instead of a provider.", valueName: "id")) var deployment: String?

    func validate() throws {
        switch (provider, deployment) {
        case (nil, nil): throw ValidationError("name a provider, or a deployment with --deployment ID")
        case (.some, .some): throw ValidationError("name either a provider or --deployment, not both")
        default: break
        }
    }

    /// The command that disables (or enables) the target.
    func command(disable: Bool) -> ControlCommand? {
        if let deployment { return disable ? .disableDeployment(deployment) : .enableDeployment(deployment) }
        if let provider { return disable ? .disableProvider(provider) : .enableProvider(provider) }
        return nil
    }
}

/// `ctl disable`: take a provider or deployment out of rotation.
struct CtlDisable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Disable a provider (or a deployment with --deployment).",
        discussion: """
            Examples:
              switchyard ctl disable openai
              switchyard ctl disable --deployment gpt-4o/openai
            """)
    @OptionGroup var options: CtlOptions
    @OptionGroup var target: CtlTarget

    func run() async throws {
        if let command = target.command(disable: true) { try await options.command(command) }
    }
}

/// `ctl enable`: put a provider or deployment back.
struct CtlEnable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Enable a provider (or a deployment with --deployment).",
        discussion: """
            Examples:
              switchyard ctl enable openai
              switchyard ctl enable --deployment gpt-4o/openai
            """)
    @OptionGroup var options: CtlOptions
    @OptionGroup var target: CtlTarget

    func run() async throws {
        if let command = target.command(disable: false) { try await options.command(command) }
    }
}

/// `ctl weight`: set a deployment's routing weight.
struct CtlWeight: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "weight", abstract: "Set a deployment's routing weight.",
        discussion: """
            Examples:
              switchyard ctl weight gpt-4o/openai 5
              switchyard ctl weight gpt-4o/azure 0            # out of rotation
            """)
    @OptionGroup var options: CtlOptions
    @Argument(help: "The deployment, e.g. gpt-4o/openai.") var deployment: String
    @Argument(help: "The new weight, from 0 to 1000000 (0 takes it out of rotation).") var weight: Double

    func validate() throws {
        guard InputBounds.weight.contains(weight) else {
            throw ValidationError("weight must be a number \(InputBounds.describe(InputBounds.weight)), got \(InputBounds.formatNumber(weight))")
        }
    }

    func run() async throws {
        try await options.command(.setWeight(deployment: deployment, weight: weight))
    }
}

/// `ctl failover`: drain one deployment of a model group.
struct CtlFailover: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "failover", abstract: "Move a model's traffic away from one of its deployments.",
        discussion: """
            Examples:
              switchyard ctl failover gpt-4o --from openai
              switchyard ctl failover gpt-4o --from gpt-4o/azure
            """)
    @OptionGroup var options: CtlOptions
    @Argument(help: "The model group, e.g. gpt-4o.") var model: String
    @Option(help: ArgumentHelp("The deployment id or provider name to drain.", valueName: "deployment|provider"))
    var from: String

    func run() async throws {
        try await options.command(.failover(model: model, from: from))
    }
}

/// `ctl undo`: revert the latest override.
struct CtlUndo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "undo", abstract: "Revert the most recent override.",
        discussion: """
            Examples:
              switchyard ctl undo
            """)
    @OptionGroup var options: CtlOptions

    func run() async throws { try await options.command(.undo) }
}

/// `ctl reset`: clear every override.
struct CtlReset: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reset", abstract: "Clear every override.",
        discussion: """
            Examples:
              switchyard ctl reset
            """)
    @OptionGroup var options: CtlOptions

    func run() async throws { try await options.command(.reset) }
}

/// `ctl audit`: who changed what.
struct CtlAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Show the audit log, oldest first.",
        discussion: """
            Examples:
              switchyard ctl audit
              switchyard ctl audit --limit 10 --json
            """)
    @OptionGroup var options: CtlOptions
    @Option(help: "How many of the latest records to show.") var limit = 50
    @Flag(help: "Print the records as JSON.") var json = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be a positive integer, got \(limit)") }
    }

    func run() async throws {
        let records = try await options.audit(limit: limit)
        if json { return try printJSON(records) }
        if records.isEmpty { return Console.out("no audit records") }
        Console.out(CtlTable.audit(records).render())
    }
}

/// `ctl reload`: re-read the gateway's config file, as SIGHUP does.
struct CtlReload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Re-read the gateway's config file; a file with errors is refused and the running config stays.",
        discussion: """
            Models, providers, deployments, prices, task routing, timeouts, provider keys (api_key_env and \
            api_key_file are read again) and the file's teams and budgets change live; requests in flight finish \
            on the deployments they were routed to. listen, limits, governance and tracing need a restart.

            Examples:
              switchyard ctl reload
              kill -HUP $(pidof switchyard)      # the same, from a signal
            """)
    @OptionGroup var options: CtlOptions
    @Flag(help: "Print the outcome as JSON.") var json = false

    func run() async throws {
        let reply = try await options.run { try await $0.send(method: "POST", path: ControlPath.reload) }
        guard let outcome = try? ControlJSON.decode(ReloadOutcome.self, from: reply.body) else {
            Console.error("switchyard: \(reply.errorMessage ?? "HTTP \(reply.status)")")
            throw ExitCode.failure
        }
        if json { try printJSON(outcome) }
        guard outcome.applied else {
            if !json {
                for problem in outcome.problems { Console.error(problem) }
                Console.error("switchyard: reload refused; the running configuration stays")
            }
            throw ExitCode.failure
        }
        guard !json else { return }
        for warning in outcome.warnings { Console.error(warning) }
        Console.out("reloaded: \(outcome.summary)")
    }
}
