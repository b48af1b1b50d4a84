import ArgumentParser
import Foundation
import SwitchyardControl
import SwitchyardControlAPI
import SwitchyardCore

/// `ctl trace ID`: one request's trace as a waterfall (or JSON, or an OTLP/JSON file).
struct CtlTrace: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Show one request's trace: spans on a time axis, attempts, routing candidates.",
        discussion: """
            The request id is the one in the dashboard's requests pane and in `ctl traces`.

            Examples:
              switchyard ctl trace req_8f3a2c
              switchyard ctl trace req_8f3a2c --otlp trace.json
            """)
    @OptionGroup var options: CtlOptions
    @Argument(help: "The request id.") var id: String
    @Flag(help: "Print the trace as JSON.") var json = false
    @Option(help: ArgumentHelp("Write the trace as OTLP/JSON to this file (Jaeger, Tempo import it).", valueName: "file"))
    var otlp: String?

    func run() async throws {
        let path = ControlPath.trace(id)
        if let otlp {
            let body = try await options.run { try await $0.body(ControlPath.query(path, [("format", "otlp")])) }
            try CtlTraceFile.write(body, to: otlp)
            return
        }
        let trace = try await options.run { try await $0.request(RequestTrace.self, "GET", path) }
        if json { return try printJSON(trace) }
        Console.out(TraceWaterfall.render(trace))
    }
}

/// Writing an OTLP/JSON export where `--otlp` says.
enum CtlTraceFile {
    static func write(_ body: Data, to file: String) throws {
        let spans = (try? JSONDecoder().decode(OTLPTraceExport.self, from: body))
            .map { $0.resourceSpans.reduce(0) { $0 + $1.scopeSpans.reduce(0) { $0 + $1.spans.count } } }
        do {
            try body.write(to: URL(fileURLWithPath: file))
        } catch {
            Console.error("switchyard: cannot write \(file): \(error.localizedDescription)")
            throw ExitCode.failure
        }
        Console.out("wrote \(spans.map { "\($0) spans" } ?? "the export") as OTLP/JSON to \(file)")
    }
}
