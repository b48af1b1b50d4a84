import Foundation

/// A gateway (or the upstream itself) under load: where to send the benchmark request and which process serves it.
struct LoadTarget {
    var name: String
    var url: String
    var model: String
    var token: String?
    var process: Subprocess
    var warmupSeconds: Int
    /// Where the serving process keeps its allocation counters, when it runs with the counting library preloaded.
    var allocationsFile: String? = nil

    /// Loads the target for its warm-up time; with `strict`, a warm-up that saw errors fails the suite.
    func warmUp(_ load: WrkLoad, stream: Bool, connections: Int, strict: Bool = true) throws {
        let warm = try load.run(url: url, model: model, stream: stream, authorization: token, connections: connections,
                                seconds: warmupSeconds)
        if strict { try requireServing(warm, stream: stream) }
    }

    /// One measured run and the CPU seconds the serving process used during it; a run in which no request
    /// completed fails the suite (a broken set-up, not a figure).
    func measure(_ load: WrkLoad, stream: Bool, connections: Int, seconds: Int) throws -> (result: WrkLoad.Result, cpuSeconds: Double) {
        let measured = try measureCounting(load, stream: stream, connections: connections, seconds: seconds)
        return (measured.result, measured.cpuSeconds)
    }

    /// `measure`, with the heap allocations per request the serving process made meanwhile when it counts them.
    func measureCounting(
        _ load: WrkLoad, stream: Bool, connections: Int, seconds: Int
    ) throws -> (result: WrkLoad.Result, cpuSeconds: Double, allocationsPerRequest: Double?) {
        let before = process.cpuSeconds
        let allocatedBefore = allocationsFile.flatMap(AllocationCounter.read)
        let result = try load.run(url: url, model: model, stream: stream, authorization: token, connections: connections,
                                  seconds: seconds)
        let used = process.cpuSeconds - before
        let allocatedAfter = allocationsFile.flatMap(AllocationCounter.read)
        guard result.requests > 0 else {
            throw BenchError("no requests completed against \(name) (\(url)); output:\n\(process.output.suffix(2_000))")
        }
        var perRequest: Double?
        if let allocatedBefore, let allocatedAfter {
            perRequest = Double((allocatedAfter - allocatedBefore).calls) / Double(result.requests)
        }
        return (result, used, perRequest)
    }

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
