import SwitchyardCore
import SwitchyardSim

/// Reading options from the `switchyard sim` flags: `--listen 127.0.0.1:0 --ttft 300ms --tps 80
/// --faults "429=30%,retry-after=2s" --seed N`.
extension SimulatorOptions {
    /// Options from command-line text. `ttft` is a duration (`300ms`, `0.3s`, `0`); `tps` of 0 streams without
    /// pacing; `faults` is a fault spec (`FaultProfile(spec:)`); `outputMedian` sets the median answer length.
    public init(
        listen: String, ttft: String = "0", tps: Double = 0, faults: String = "none", seed: UInt64 = 1,
        name: String = "sim", outputMedian: Double? = nil, models: [String] = SimulatorOptions.defaultModels
    ) throws(SimulatorOptionsError) {
        let (host, port) = try Self.parseListen(listen)
        let firstToken = try Self.parseDuration(ttft)
        guard tps >= 0, tps.isFinite else { throw .badValue("--tps", String(tps)) }
        let profile: FaultProfile
        do {
            profile = try FaultProfile(spec: faults)
        } catch {
            throw .badValue("--faults", error.description)
        }
        var output = OutputLengthModel.chat
        if let outputMedian {
            guard outputMedian >= 1, outputMedian.isFinite else { throw .badValue("--output-median", String(outputMedian)) }
            output.median = outputMedian
        }
        let latency = firstToken == 0 && tps == 0
            ? SimulatorOptions.instant
            : LatencyProfile(ttftMedian: firstToken, ttftSigma: firstToken > 0 ? 0.35 : 0, tokensPerSecondMedian: tps)
        self.init(
            host: host, port: port, latency: latency, output: output, faults: profile, seed: seed, name: name,
            models: models
        )
    }

    /// `host:port` (`[::1]:8080` for IPv6); a bare port listens on loopback.
    public static func parseListen(_ text: String) throws(SimulatorOptionsError) -> (host: String, port: Int) {
        if let port = Int(text), (0...65_535).contains(port) { return ("127.0.0.1", port) }
        guard let colon = text.lastIndex(of: ":") else { throw .badValue("--listen", text) }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else {
            throw .badValue("--listen", text)
        }
        return (host, port)
    }

    /// Seconds from `2`, `2s`, `300ms`, `1.5s` or `1m30s` (`DurationText`).
    public static func parseDuration(_ text: String) throws(SimulatorOptionsError) -> Double {
        guard let seconds = DurationText.seconds(text), seconds >= 0 else { throw .badValue("duration", text) }
        return seconds
    }

    /// The line the command prints once the server listens.
    public static func listeningLine(host: String, port: Int) -> String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return "listening on http://\(shown):\(port)"
    }
}
