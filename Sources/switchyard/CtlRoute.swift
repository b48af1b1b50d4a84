import ArgumentParser
import Foundation
import SwitchyardControl
import SwitchyardControlAPI
import SwitchyardCore

/// `ctl route`: how task routing places requests.
struct CtlRoute: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route", abstract: "How task-routed models (strategy: task) place requests.",
        discussion: """
            Examples:
              switchyard ctl route stats
              switchyard ctl route explain request.json --team support
            """,
        subcommands: [CtlRouteStats.self, CtlRouteExplain.self])
}

/// `ctl route stats`: the dashboard's Routing view as a table.
struct CtlRouteStats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Each task's traffic, the group and deployment serving it, cost, escalations and savings.",
        discussion: """
            Examples:
              switchyard ctl route stats
              switchyard ctl route stats --json
            """)
    @OptionGroup var options: CtlOptions
    @Flag(help: "Print the rows as JSON.") var json = false

    func run() async throws {
        let snapshot = try await options.run { try await $0.get(GatewaySnapshot.self, ControlPath.status) }
        let rows = snapshot.routing ?? []
        if json { return try printJSON(rows) }
        guard !rows.isEmpty else {
            return Console.out("no task-routed requests yet (a model with strategy: task routes each request by its task)")
        }
        Console.out(CtlTable.routing(rows).render())
        let saved = rows.reduce(0) { $0 + $1.saved }
        Console.out("\nsaved \(CtlTable.dollars(saved)) against sending every request to the most expensive group")
    }
}

/// `ctl route explain FILE`: the task, the group and why, for a request body, without calling an upstream.
struct CtlRouteExplain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show where a request body sent to a task-routed model would go, and why (no upstream is called).",
        discussion: """
            FILE holds the body a client would POST (- reads standard input).

            Examples:
              switchyard ctl route explain request.json --team support
              switchyard ctl route explain messages.json --anthropic --key team-a/ci
              switchyard ctl route explain - --task code --json < request.json
            """)
    @OptionGroup var options: CtlOptions
    @Argument(help: "The request body (an OpenAI chat completion, or Anthropic messages with --anthropic); - for stdin.")
    var file: String
    @Flag(help: "The body is an Anthropic messages request.") var anthropic = false
    @Option(help: "Route as a key of this team would be (its own tasks map applies).") var team: String?
    @Option(help: "Route as this virtual key would be: its team and its metadata (for key_metadata rules).")
    var key: String?
    @Option(help: "Name the task, as the x-switchyard-task header would.") var task: String?
    @Flag(help: "Print the explanation as JSON.") var json = false

    func run() async throws {
        let body: Data
        do {
            // Read as a stream, so a pipe or process substitution (`<(…)`) works as well as a file.
            let handle = file == "-" ? FileHandle.standardInput : try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            body = try handle.readToEnd() ?? Data()
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        var query = [(name: "format", value: anthropic ? "anthropic" : "openai")]
        if let team { query.append(("team", team)) }
        if let key { query.append(("key", key)) }
        if let task { query.append(("task", task)) }
        let path = ControlPath.query(ControlPath.routeExplain, query)
        let explanation = try await options.run { try await $0.request(RouteExplanation.self, "POST", path, body: body) }
        if json { return try printJSON(explanation) }
        Console.out(Self.render(explanation))
    }

    static func render(_ e: RouteExplanation) -> String {
        var lines = [
            "model     \(e.model) → \(e.group) (\(e.via))",
            "task      \(e.task) (\(e.source): \(e.reason))",
        ]
        lines.append("features  " + (e.features.isEmpty ? "none" : e.features.joined(separator: "\n          ")))
        lines.append("rules     " + (e.matchedRules.isEmpty ? "none matched" : e.matchedRules.joined(separator: "\n          ")))
        return lines.joined(separator: "\n")
    }
}
