import ArgumentParser
import Foundation
import Logging
import SwitchyardSimServer

/// `switchyard sim`: a simulated provider as a real HTTP server (OpenAI, Anthropic, Azure OpenAI and Gemini wire
/// formats) with faults.
struct Sim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a simulated upstream provider speaking the OpenAI, Anthropic and Gemini wire formats.",
        discussion: """
            Serves POST /v1/chat/completions, /v1/messages and /v1/embeddings, GET /v1/models, Azure OpenAI's \
            /openai/deployments/… and Google's /v1beta/models/{model}:generateContent \
            (:streamGenerateContent?alt=sse) for any model name, with realistic latency and injected faults. Change faults while it runs:
              curl -X PUT http://HOST:PORT/_sim/faults -d '{"error_rates":{"429":0.5},"retry_after":2}'
            and read counters at GET /_sim/stats.

            Examples:
              switchyard sim --listen 127.0.0.1:18001
              switchyard sim --listen 127.0.0.1:18001 --ttft 300ms --tps 40
              switchyard sim --listen 127.0.0.1:18002 --faults 429=30%,retry-after=2s
              switchyard sim --listen 127.0.0.1:18003 --api-key sk-test
            """
    )

    @Option(help: "Listen on host:port (port 0 picks a free port; the chosen one is printed).")
    var listen = "127.0.0.1:9001"

    @Option(help: "Median time to first token, e.g. 300ms (0: answer at once).")
    var ttft = "0"

    @Option(help: "Median output tokens per second (0: no pacing).")
    var tps: Double = 0

    @Option(help: "Faults, e.g. \"429=30%,retry-after=2s,503=0.1,latency=x6,delay=200ms,hang=0.05,refuse=0.1,cut=0.02,malformed=0.01\".")
    var faults = "none"

    @Option(help: "Seed for latency, lengths and faults.")
    var seed: UInt64 = 1

    @Option(help: "Name shown in logs and ids.")
    var name = "sim"

    @Option(help: ArgumentHelp(
        "Require this API key (Authorization: Bearer or x-api-key); anything else gets the provider's 401.",
        discussion: "To see how a gateway handles a provider that refuses its credentials.",
        valueName: "key"))
    var apiKey: String?

    @Flag(help: "Answer prose even when a JSON response format is asked for, as a model without JSON mode does.")
    var noJSONMode = false

    func run() async throws {
        var options: SimulatorOptions
        do {
            options = try SimulatorOptions(listen: listen, ttft: ttft, tps: tps, faults: faults, seed: seed, name: name)
        } catch {
            throw ValidationError(error.description)
        }
        options.apiKey = apiKey
        options.jsonMode = !noJSONMode
        var logger = Logger(label: "switchyard.sim")
        logger.logLevel = .warning
        let server = SimulatorServer(options: options, logger: logger)
        let host = options.host
        let serving = Task {
            try await server.run { port in
                Console.out("switchyard sim: listening on http://\(host):\(port)")
            }
        }
        let watcher = SignalWatcher { _ in serving.cancel() }
        defer { _ = watcher }
        try await ServingTask.wait(serving, prefix: "switchyard sim", on: listen)
    }
}
