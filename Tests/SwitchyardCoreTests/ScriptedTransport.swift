import Synchronization
@testable import SwitchyardCore

/// A transport that plays per-deployment scripts of outcomes and advances a manual clock by each latency.
final class ScriptedTransport: UpstreamTransport {
    struct Step: Sendable {
        var result: Result<UpstreamSuccess, UpstreamFailure>
        var latency: Double
    }

    private let scripts: Mutex<[String: [Step]]>
    private let log = Mutex<[String]>([])
    private let spanLog = Mutex<[String?]>([])
    private let clock: ManualClock
    /// Latency of unscripted successes per deployment id (default 0.1 s).
    private let latencies: Mutex<[String: Double]>
    private let outputTokens: Int

    init(clock: ManualClock, latencies: [String: Double] = [:], outputTokens: Int = 500,
         scripts: [String: [Step]] = [:]) {
        self.clock = clock
        self.latencies = Mutex(latencies)
        self.outputTokens = outputTokens
        self.scripts = Mutex(scripts)
    }

    /// Appends scripted outcomes for a deployment; played before the default success.
    func script(_ deployment: String, _ steps: Step...) {
        scripts.withLock { $0[deployment, default: []].append(contentsOf: steps) }
    }

    /// Changes the latency of `deployment`'s unscripted successes from now on.
    func setLatency(_ deployment: String, _ seconds: Double) {
        latencies.withLock { $0[deployment] = seconds }
    }

    /// Deployment ids called, in order.
    var calls: [String] { log.withLock { $0 } }

    /// The span id each call carried (`UpstreamCall.spanID`), in order.
    var spanIDs: [String?] { spanLog.withLock { $0 } }

    func send(_ call: UpstreamCall) async -> Result<UpstreamSuccess, UpstreamFailure> {
        let id = call.deployment.id
        let step = scripts.withLock { s -> Step? in
            guard var queue = s[id], !queue.isEmpty else { return nil }
            let first = queue.removeFirst()
            s[id] = queue
            return first
        }
        log.withLock { $0.append(id) }
        spanLog.withLock { $0.append(call.spanID) }
        let played = step ?? Step(
            result: .success(UpstreamSuccess(inputTokens: call.request.inputTokens, outputTokens: outputTokens,
                                             timeToFirstToken: 0.02)),
            latency: latencies.withLock { $0[id] } ?? 0.1)
        clock.advance(by: played.latency)
        return played.result
    }
}

extension ScriptedTransport.Step {
    static func fail(_ status: Int, retryAfter: Double? = nil, latency: Double = 0.05) -> Self {
        Self(result: .failure(UpstreamFailure(errorClass: ErrorClass.classify(status: status), status: status,
                                              retryAfter: retryAfter, message: "upstream \(status)")),
             latency: latency)
    }

    static func timeout(latency: Double = 1) -> Self {
        Self(result: .failure(UpstreamFailure(errorClass: .timeout, message: "timed out")), latency: latency)
    }

    static func ok(input: Int = 1000, output: Int = 500, latency: Double = 0.1) -> Self {
        Self(result: .success(UpstreamSuccess(inputTokens: input, outputTokens: output)), latency: latency)
    }
}
