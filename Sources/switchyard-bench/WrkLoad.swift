import Foundation

/// One wrk run (one thread, fixed connections) against `/v1/chat/completions`, summarised by a Lua `done` hook.
struct WrkLoad {
    /// The wrk executable.
    let wrk: String
    /// A directory for the generated Lua scripts.
    let scratch: URL

    /// What one run measured.
    struct Result: Codable {
        var requests: Int
        var seconds: Double
        var requestsPerSecond: Double
        var p50Micros: Double
        var p99Micros: Double
        var p999Micros: Double
        /// Non-2xx/3xx responses.
        var statusErrors: Int
        /// Connect, read, write and timeout errors.
        var socketErrors: Int

        /// Requests that got a 2xx/3xx answer, as a fraction of all that were sent.
        var successRate: Double {
            let sent = requests + socketErrors
            return sent > 0 ? Double(max(0, requests - statusErrors)) / Double(sent) : 0
        }
    }

    /// wrk itself, or a plain error naming the package to install.
    static func find() throws -> String {
        guard let wrk = ChildProcess.which("wrk") else { throw BenchError("wrk is not installed: apt-get install wrk") }
        return wrk
    }

    /// Runs wrk for `seconds` with a chat request for `model` (streamed or not), `authorization` sent as a bearer token.
    func run(url: String, model: String, stream: Bool, authorization: String?, connections: Int, seconds: Int) throws -> Result {
        let script = scratch.appendingPathComponent("wrk-\(UUID().uuidString).lua")
        try Self.script(model: model, stream: stream, authorization: authorization).write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        // A generous timeout: a slow gateway's requests should count in its latency, not vanish as timeouts.
        let run = try Subprocess(wrk, [
            "-t1", "-c\(connections)", "-d\(seconds)s", "--timeout", "10s", "-s", script.path, url + "/v1/chat/completions",
        ])
        guard run.waitUntilExit() == 0 else { throw BenchError("wrk failed:\n\(run.output)") }
        return try Self.parse(run.output)
    }

    /// The Lua script: a fixed chat body, and a summary line wrk prints when it is done.
    static func script(model: String, stream: Bool, authorization: String?) -> String {
        """
        wrk.method = "POST"
        wrk.body = '{"model":"\(model)","stream":\(stream),"max_tokens":16,"messages":[{"role":"user","content":"hello there"}]}'
        wrk.headers["Content-Type"] = "application/json"
        \(authorization.map { "wrk.headers[\"Authorization\"] = \"Bearer \($0)\"" } ?? "")
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("SWITCHYARD %d %d %f %f %f %d %d\\n", summary.requests, summary.duration,
            latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
            e.status, e.connect + e.read + e.write + e.timeout))
        end
        """
    }

    /// The figures from wrk's output, or an error quoting it.
    static func parse(_ output: String) throws -> Result {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("SWITCHYARD ") }) else {
            throw BenchError("wrk printed no summary:\n\(output)")
        }
        let f = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard f.count == 7, f[1] > 0 else { throw BenchError("unexpected wrk summary: \(line)") }
        let seconds = f[1] / 1e6
        return Result(requests: Int(f[0]), seconds: seconds, requestsPerSecond: f[0] / seconds, p50Micros: f[2],
                      p99Micros: f[3], p999Micros: f[4], statusErrors: Int(f[5]), socketErrors: Int(f[6]))
    }
}
