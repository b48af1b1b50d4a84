import Foundation

/// A gateway (or the upstream itself) under load: where to send the benchmark request and which process serves it.
struct LoadTarget {
    var name: String
    var url: String
    var model: String
    var token: String?
    var process: Subprocess
    var warmupSeconds: Int

    /// Fails the suite when a warm-up saw errors: a broken set-up, not a figure to report.
    func requireServing(_ warm: WrkLoad.Result, stream: Bool) throws {
        let healthy = warm.requests > 0 && warm.statusErrors == 0 && warm.socketErrors <= warm.requests / 100
        guard !healthy else { return }
        var sample = ""
        let body = #"{"model":"\#(model)","stream":\#(stream),"max_tokens":16,"messages":[{"role":"user","content":"hello there"}]}"#
        var headers = ["Content-Type": "application/json"]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        if let answer = try? HTTPProbe.send("POST", url + "/v1/chat/completions", body: body, headers: headers) {
            sample = "\none request answered \(answer.status): \(answer.body.prefix(500))"
        }
        throw BenchError("""
            \(name) (\(url)) is not serving the benchmark request: \(warm.requests) answers, \
            \(warm.statusErrors) non-2xx, \(warm.socketErrors) socket errors in the warm-up\(sample)
            its output:
            \(process.output.suffix(2_000))
            """)
    }
}
