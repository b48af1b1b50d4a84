import Foundation
import SwitchyardCore

/// A Switchyard model group: the LiteLLM entries sharing a `model_name`, which LiteLLM load-balances.
struct LiteLLMModelGroup {
    var name: String
    var entries: [LiteLLMEntry]
    var strategy: RoutingStrategyKind
    var fallbacks: [String] = []
    /// Each entry's weight: its own, or its rpm or tpm as LiteLLM's simple-shuffle weighs by them.
    var weights: [Decimal?]
    /// `rpm` or `tpm` when the weights come from them.
    var weightSource: String?
    var timeouts = Timeouts()

    /// Groups in the order their first entry appears; `notes` gains what the groups cannot carry.
    static func groups(_ entries: [LiteLLMEntry], settings: LiteLLMSettings, notes: inout [LiteLLMNote]) -> [LiteLLMModelGroup] {
        var names: [String] = []
        for entry in entries where !names.contains(entry.modelName) { names.append(entry.modelName) }
        var groups = names.map { name in
            LiteLLMModelGroup(name: name, entries: entries.filter { $0.modelName == name }, settings: settings, notes: &notes)
        }
        let known = Set(names)
        for i in groups.indices {
            let own = settings.fallbacks.first { $0.model == groups[i].name }?.targets ?? []
            for target in own + settings.defaultFallbacks where !groups[i].fallbacks.contains(target) {
                if target == groups[i].name {
                    if own.contains(target) { notes.append(LiteLLMNote(path: "fallbacks", message: "\(target) cannot fall back to itself; left out")) }
                } else if known.contains(target) {
                    groups[i].fallbacks.append(target)
                } else {
                    notes.append(LiteLLMNote(path: "fallbacks", message: "\(groups[i].name) → \(target): \(target) is not a mapped model group; left out"))
                }
            }
        }
        for (model, _) in settings.fallbacks where !known.contains(model) {
            notes.append(LiteLLMNote(path: "fallbacks", message: "\(model) is not a mapped model group; its fallbacks are left out"))
        }
        return groups
    }

    private init(name: String, entries: [LiteLLMEntry], settings: LiteLLMSettings, notes: inout [LiteLLMNote]) {
        self.name = name
        self.entries = entries
        // LiteLLM tries the lowest `order` first and balances within it, as Switchyard's priority strategy does.
        strategy = entries.contains { $0.order != nil } ? .priority : settings.strategy
        if strategy == .priority, settings.strategy != .weighted {
            notes.append(LiteLLMNote(path: "model_list", message: "\(name): its deployments set order, so the group routes by priority rather than \(settings.strategy.rawValue)"))
        }
        weights = entries.map(\.weight)
        if strategy == .weighted || strategy == .priority, entries.count > 1, entries.allSatisfy({ $0.weight == nil }) {
            if entries.allSatisfy({ $0.rpm != nil }) {
                weights = Self.bounded(entries.map(\.rpm))
                weightSource = "rpm"
            } else if entries.allSatisfy({ $0.tpm != nil }) {
                weights = Self.bounded(entries.map(\.tpm))
                weightSource = "tpm"
            }
        }
        timeouts = Self.timeouts(entries, group: name, notes: &notes)
    }

    /// Weights scaled down to Switchyard's largest when a tpm exceeds it.
    private static func bounded(_ values: [Decimal?]) -> [Decimal?] {
        let ceiling = Decimal(InputBounds.weight.upperBound)
        guard let largest = values.compactMap({ $0 }).max(), largest > ceiling else { return values }
        return values.map { value in
            value.map { v in
                var scaled = v * ceiling / largest
                var rounded = Decimal()
                NSDecimalRound(&rounded, &scaled, 3, .plain)
                return rounded
            }
        }
    }

    /// `timeout` bounds a whole call (Switchyard's `response`, and `total` when longer than its default);
    /// `stream_timeout` bounds a stream (Switchyard's `first_token`). Entries that differ share the longest.
    private static func timeouts(_ entries: [LiteLLMEntry], group: String, notes: inout [LiteLLMNote]) -> Timeouts {
        var result = Timeouts()
        let calls = Set(entries.compactMap(\.timeout))
        let streams = Set(entries.compactMap(\.streamTimeout))
        if calls.count > 1 || streams.count > 1 {
            notes.append(LiteLLMNote(path: "model_list", message: "\(group): its deployments set different timeouts; the group takes the longest"))
        }
        let ceiling = InputBounds.durationSeconds.upperBound
        result.response = calls.max().map { min($0, ceiling) }
        result.firstToken = streams.max().map { min($0, ceiling) }
        let longest = max(result.response ?? 0, result.firstToken ?? 0)
        if longest > (Timeouts.defaults.total ?? 0) { result.total = longest }
        return result
    }
}
