/// How a model group stands when a task entry lists several: whether any of its deployments serves now, what its
/// cheapest serving deployment would charge for the request, and how fast its fastest one has answered lately.
public struct TaskGroupStanding: Sendable, Hashable {
    public var serving: Bool
    /// Dollars for the request on the cheapest serving deployment; nil when none has a known price.
    public var cost: Double?
    /// Seconds, the lowest latency average among serving deployments; nil until one is measured.
    public var latency: Double?

    public init(serving: Bool, cost: Double? = nil, latency: Double? = nil) {
        self.serving = serving
        self.cost = cost
        self.latency = latency
    }
}

/// Chooses one of a task entry's groups. Only groups that can serve are considered (when none can, the first
/// listed is taken and routing reports what is wrong with it); among them `quality` keeps the operator's order,
/// `cost` and `latency` take the least, a group without a figure after those with one, ties to the listed order.
public enum TaskGroupChoice {
    public static func choose(
        _ groups: [String], prefer: TaskPreference, standing: (String) -> TaskGroupStanding
    ) -> (group: String, why: String?) {
        guard let first = groups.first else { return ("", nil) }
        guard groups.count > 1 else { return (first, nil) }
        let standings = groups.map { ($0, standing($0)) }
        let serving = standings.filter { $0.1.serving }
        guard !serving.isEmpty else { return (first, "none of \(groups.joined(separator: ", ")) can serve now") }
        let skipped = standings.count - serving.count
        let note = skipped > 0 ? "; \(skipped) of \(groups.count) cannot serve now" : ""
        switch prefer {
        case .quality:
            return (serving[0].0, "first that can serve of \(groups.joined(separator: ", "))\(note)")
        case .cost:
            let best = least(serving) { $0.cost }
            return (best, "cheapest of \(groups.joined(separator: ", "))\(note)")
        case .latency:
            let best = least(serving) { $0.latency }
            return (best, "fastest of \(groups.joined(separator: ", "))\(note)")
        }
    }

    private static func least(
        _ candidates: [(String, TaskGroupStanding)], by figure: (TaskGroupStanding) -> Double?
    ) -> String {
        var best = candidates[0]
        for candidate in candidates.dropFirst() {
            guard let value = figure(candidate.1) else { continue }
            if let current = figure(best.1), current <= value { continue }
            best = candidate
        }
        return best.0
    }
}
