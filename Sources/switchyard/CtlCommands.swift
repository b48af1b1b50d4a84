import ArgumentParser
import Foundation
import SwitchyardCore
import SwitchyardServer

/// `ctl status`: providers and deployments at a glance.
struct CtlStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show providers and deployments: status, weight, share, req/s, errors, breaker.")
    @OptionGroup var options: CtlOptions
    @Flag(help: "Print the whole snapshot as JSON.") var json = false

    func run() throws {
        let snapshot = try options.run { try $0.get(GatewaySnapshot.self, "/v1/status") }
        if json { return try printJSON(snapshot) }
        let t = snapshot.totals
        Console.out("\(snapshot.info.mode) \(snapshot.info.address ?? "") · \(CtlTable.rate(t.requestsPerSecond)) req/s · "
            + "\(CtlTable.percent(t.errorRate)) errors · \(t.inFlight) in flight"
            + (snapshot.canUndo ? " · undo available" : ""))
        Console.out("")
        Console.out(CtlTable.providers(snapshot).render())
        Console.out("")
        Console.out(CtlTable.deployments(snapshot).render())
    }
}

/// `ctl providers`: the providers table.
struct CtlProviders: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "providers", abstract: "List providers.")
    @OptionGroup var options: CtlOptions
    @Flag(help: "Print the providers as JSON.") var json = false

    func run() throws {
        let snapshot = try options.run { try $0.get(GatewaySnapshot.self, "/v1/status") }
        if json { return try printJSON(snapshot.providers) }
        Console.out(CtlTable.providers(snapshot).render())
    }
}

/// `ctl models`: the model groups table.
struct CtlModels: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "models", abstract: "List model groups.")
    @OptionGroup var options: CtlOptions
    @Flag(help: "Print the models as JSON.") var json = false

    func run() throws {
        let snapshot = try options.run { try $0.get(GatewaySnapshot.self, "/v1/status") }
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

    func send(_ verb: String, _ options: CtlOptions) throws {
        if let deployment {
            try options.command("/v1/deployments/\(verb)", body: ["deployment": .string(deployment)])
        } else if let provider {
            try options.command("/v1/providers/\(CtlOptions.segment(provider))/\(verb)")
        }
    }
}

/// `ctl disable`: take a provider or deployment out of rotation.
struct CtlDisable: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Disable a provider (or a deployment with --deployment).")
    @OptionGroup var options: CtlOptions
    @OptionGroup var target: CtlTarget

    func run() throws { try target.send("disable", options) }
}

/// `ctl enable`: put a provider or deployment back.
struct CtlEnable: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Enable a provider (or a deployment with --deployment).")
    @OptionGroup var options: CtlOptions
    @OptionGroup var target: CtlTarget

    func run() throws { try target.send("enable", options) }
}

/// `ctl weight`: set a deployment's routing weight.
struct CtlWeight: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "weight", abstract: "Set a deployment's routing weight.")
    @OptionGroup var options: CtlOptions
    @Argument(help: "The deployment, e.g. gpt-4o/openai.") var deployment: String
    @Argument(help: "The new weight, from 0 to 1000000 (0 takes it out of rotation).") var weight: Double

    func validate() throws {
        guard InputBounds.weight.contains(weight) else {
            throw ValidationError("weight must be a number \(InputBounds.describe(InputBounds.weight)), got \(InputBounds.formatNumber(weight))")
        }
    }

    func run() throws {
        try options.command("/v1/deployments/weight", body: ["deployment": .string(deployment), "weight": .number(weight)])
    }
}

/// `ctl failover`: drain one deployment of a model group.
struct CtlFailover: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "failover", abstract: "Move a model's traffic away from one of its deployments.")
    @OptionGroup var options: CtlOptions
    @Argument(help: "The model group, e.g. gpt-4o.") var model: String
    @Option(help: ArgumentHelp("The deployment id or provider name to drain.", valueName: "deployment|provider"))
    var from: String

    func run() throws {
        try options.command("/v1/models/\(CtlOptions.segment(model))/failover", body: ["from": .string(from)])
    }
}

/// `ctl undo`: revert the latest override.
struct CtlUndo: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "undo", abstract: "Revert the most recent override.")
    @OptionGroup var options: CtlOptions

    func run() throws { try options.command("/v1/undo") }
}

/// `ctl reset`: clear every override.
struct CtlReset: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reset", abstract: "Clear every override.")
    @OptionGroup var options: CtlOptions

    func run() throws { try options.command("/v1/reset") }
}

/// `ctl audit`: who changed what.
struct CtlAudit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Show the audit log, oldest first.")
    @OptionGroup var options: CtlOptions
    @Option(help: "How many of the latest records to show.") var limit = 50
    @Flag(help: "Print the records as JSON.") var json = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be a positive integer, got \(limit)") }
    }

    func run() throws {
        let records = try options.run { try $0.get([AuditRecord].self, "/v1/audit?limit=\(limit)") }
        if json { return try printJSON(records) }
        if records.isEmpty { return Console.out("no audit records") }
        Console.out(CtlTable.audit(records).render())
    }
}
