import SwitchyardCore

/// A compact text form of fault profiles for command lines and drills, e.g.
/// `"429=30%,retry-after=2s,503=0.1,latency=x6,delay=200ms,hang=0.05,refuse=1,cut=0.02,malformed=0.01"`.
extension FaultProfile {
    /// Parses a comma-separated spec. Items: `<status>=<p>`, `retry-after=<dur>`, `latency=x<factor>`,
    /// `delay=<dur>`, `hang=<p>`, `hang-after=<dur>`, `refuse=<p>`, `cut=<p>`, `malformed=<p>`, and the words
    /// `none` and `down`. Probabilities are `0.3` or `30%`; durations are `2`, `2s`, `200ms` or `1m30s` (`DurationText`).
    public init(spec: String) throws(FaultSpecError) {
        var profile = FaultProfile.none
        for raw in spec.split(separator: ",") {
            let item = String(raw.filter { !$0.isWhitespace })
            guard !item.isEmpty else { continue }
            if item == "none" { continue }
            if item == "down" {
                profile.connectionRefusedProbability = 1
                continue
            }
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw .malformed(item) }
            let (name, value) = (parts[0].lowercased(), parts[1])
            switch name {
            case "retry-after": profile.retryAfterSeconds = try Self.duration(value, item)
            case "latency", "slow":
                let factor = value.hasPrefix("x") || value.hasPrefix("×") ? String(value.dropFirst()) : value
                guard let m = Double(factor), m > 0, m.isFinite else { throw .badValue(item) }
                profile.latencyMultiplier = m
            case "delay": profile.addedLatency = try Self.duration(value, item)
            case "hang": profile.hangProbability = try Self.probability(value, item)
            case "hang-after", "timeout": profile.hangSeconds = try Self.duration(value, item)
            case "refuse": profile.connectionRefusedProbability = try Self.probability(value, item)
            case "cut": profile.streamCutProbability = try Self.probability(value, item)
            case "malformed": profile.malformedProbability = try Self.probability(value, item)
            default:
                guard let status = Int(name), (400...599).contains(status) else { throw .unknownFault(name) }
                profile.errorRates[status] = try Self.probability(value, item)
            }
        }
        guard profile.totalFaultProbability <= 1 + 1e-9 else { throw .probabilitiesExceedOne(spec) }
        self = profile
    }

    /// The canonical spec of this profile; `FaultProfile(spec:)` reads it back. "none" when healthy.
    public var spec: String {
        var items: [String] = []
        for status in errorRates.keys.sorted() where (errorRates[status] ?? 0) > 0 {
            items.append("\(status)=\(Self.number(errorRates[status] ?? 0))")
        }
        if let r = retryAfterSeconds { items.append("retry-after=\(Self.number(r))s") }
        if latencyMultiplier != 1 { items.append("latency=x\(Self.number(latencyMultiplier))") }
        if addedLatency != 0 { items.append("delay=\(Self.number(addedLatency))s") }
        if hangProbability > 0 {
            items.append("hang=\(Self.number(hangProbability))")
            items.append("hang-after=\(Self.number(hangSeconds))s")
        }
        if connectionRefusedProbability > 0 { items.append("refuse=\(Self.number(connectionRefusedProbability))") }
        if streamCutProbability > 0 { items.append("cut=\(Self.number(streamCutProbability))") }
        if malformedProbability > 0 { items.append("malformed=\(Self.number(malformedProbability))") }
        return items.isEmpty ? "none" : items.joined(separator: ",")
    }

    private static func probability(_ text: String, _ item: String) throws(FaultSpecError) -> Double {
        let value: Double?
        if text.hasSuffix("%") {
            value = Double(text.dropLast()).map { $0 / 100 }
        } else {
            value = Double(text)
        }
        guard let p = value, p >= 0, p <= 1 else { throw .badValue(item) }
        return p
    }

    private static func duration(_ text: String, _ item: String) throws(FaultSpecError) -> Double {
        guard let d = DurationText.seconds(text), d >= 0 else { throw .badValue(item) }
        return d
    }

    private static func number(_ x: Double) -> String {
        InputBounds.formatNumber(x)
    }
}

/// Why a fault spec could not be read.
public enum FaultSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An item is not `name=value` nor a known word.
    case malformed(String)
    /// The name is neither a known fault nor an HTTP error status.
    case unknownFault(String)
    /// The value is not a probability in [0, 1], a duration, or a positive factor.
    case badValue(String)
    /// Fault probabilities add up to more than 1.
    case probabilitiesExceedOne(String)

    /// A message for the command line.
    public var description: String {
        switch self {
        case .malformed(let item): "'\(item)' is not name=value"
        case .unknownFault(let name): "unknown fault '\(name)' (use an HTTP status 400–599, retry-after, latency, delay, hang, hang-after, refuse, cut or malformed)"
        case .badValue(let item): "bad value in '\(item)'"
        case .probabilitiesExceedOne(let spec): "fault probabilities in '\(spec)' add up to more than 1"
        }
    }
}
