import ArgumentParser
import Foundation
import SwitchyardControl
import SwitchyardControlAPI
import SwitchyardCore

/// `ctl traces`: recent traces, newest first, narrowed by model, status, key, team, latency, time or a filter.
struct CtlTraces: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traces", abstract: "List recent request traces, newest first.",
        discussion: """
            Options combine (all must hold). --filter takes the dashboard's filter language, e.g. \
            'status>=500 latency>1s !key=ci'.

            Examples:
              switchyard ctl traces
              switchyard ctl traces --status 5xx --since 15m
              switchyard ctl traces --model gpt-4o --min-latency 2s --limit 20 --json
              switchyard ctl traces --filter 'status>=500 !key=ci' --otlp traces.json
            """)
    @OptionGroup var options: CtlOptions
    @Option(help: "Only requests for this model group.") var model: String?
    @Option(help: ArgumentHelp("Only this status: 500, 5xx, >=500.", valueName: "status")) var status: String?
    @Option(help: "Only requests with this virtual key.") var key: String?
    @Option(help: "Only requests of this team.") var team: String?
    @Option(help: ArgumentHelp("Only requests at least this slow: 250ms, 1s.", valueName: "duration"))
    var minLatency: String?
    @Flag(help: "Only requests that fell back.") var fallback = false
    @Option(help: ArgumentHelp("A filter expression, as in the dashboard.", valueName: "expr")) var filter: String?
    @Option(help: ArgumentHelp("Start: a duration back from now (15m, 24h), a date or epoch seconds.", valueName: "when"))
    var since: String?
    @Option(help: ArgumentHelp("End, in the same forms.", valueName: "when")) var until: String?
    @Option(help: "Most traces listed (1–1000).") var limit = TraceListRequest.defaultLimit
    @Flag(help: "Print the summaries as JSON.") var json = false
    @Option(help: ArgumentHelp("Write the listed traces as OTLP/JSON to this file.", valueName: "file")) var otlp: String?

    func validate() throws {
        guard (1...TraceListRequest.maxLimit).contains(limit) else {
            throw ValidationError("--limit must be from 1 to \(TraceListRequest.maxLimit), got \(limit)")
        }
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, TimeArgument.past(value, now: 0) == nil {
                throw ValidationError("\(flag) '\(value)' is not a time: use \(TimeArgument.accepted)")
            }
        }
        // The gateway reads every option as filter terms; check them here so a typo is a usage error.
        do {
            _ = try TraceListRequest(parameters: parameters, now: 0)
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// The options as the list's query parameters.
    var parameters: [(String, String)] {
        var out: [(String, String)] = []
        let named: [(String, String?)] = [
            ("model", model), ("status", status), ("key", key), ("team", team), ("min_latency", minLatency),
            ("filter", filter), ("since", since), ("until", until),
        ]
        for case let (name, value?) in named { out.append((name, value)) }
        if fallback { out.append(("fallback", "true")) }
        out.append(("limit", String(limit)))
        return out
    }

    func run() async throws {
        var query = parameters.map { (name: $0.0, value: $0.1) }
        if otlp != nil { query.append(("format", "otlp")) }
        let path = ControlPath.query(ControlPath.traces, query)
        if let otlp {
            let body = try await options.run { try await $0.body(path) }
            try CtlTraceFile.write(body, to: otlp)
            return
        }
        let list = try await options.run { try await $0.request(TraceList.self, "GET", path) }
        if json { return try printJSON(list) }
        if list.traces.isEmpty { return Console.out("no traces match") }
        Console.out(CtlTable.traces(list.traces).render())
    }
}
