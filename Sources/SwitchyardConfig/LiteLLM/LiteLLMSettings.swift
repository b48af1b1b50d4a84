import Foundation
import SwitchyardCore
import Yams

/// What `router_settings`, `litellm_settings`, `general_settings` and the rest of a LiteLLM file say that
/// Switchyard can carry over, and a note for everything else.
struct LiteLLMSettings {
    var strategy: RoutingStrategyKind = .weighted
    /// Fallback groups per model group, in the order the file lists them.
    var fallbacks: [(model: String, targets: [String])] = []
    /// `default_fallbacks`: tried by every group after its own.
    var defaultFallbacks: [String] = []
    /// Seconds a whole call may take (`router_settings.timeout`, `litellm_settings.request_timeout`).
    var timeout: Double?
    var budget: (limit: Decimal, period: BudgetPeriod)?
    var hasMasterKey = false
    var notes: [LiteLLMNote] = []

    /// Sections of the file read here or by the model list.
    private static let sections = ["model_list", "router_settings", "litellm_settings", "general_settings"]
    init(_ root: Node.Mapping) {
        for section in ["router_settings", "litellm_settings"] {
            guard let map = root[section]?.mapping else { continue }
            for (keyNode, value) in map {
                guard let key = keyNode.string else { continue }
                read(section, key, value)
            }
        }
        if let general = root["general_settings"]?.mapping {
            for (keyNode, _) in general {
                guard let key = keyNode.string else { continue }
                if key == "master_key" {
                    hasMasterKey = true
                    note("general_settings.master_key", "never copied; Switchyard asks clients for virtual keys (switchyard ctl keys create)")
                } else {
                    note("general_settings.\(key)", Self.reason(key))
                }
            }
        }
        for (keyNode, value) in root {
            guard let key = keyNode.string, !Self.sections.contains(key) else { continue }
            if key == "environment_variables" {
                // Only the names: the values are often secrets.
                let names = value.mapping?.compactMap { $0.key.string }.joined(separator: ", ") ?? ""
                note(key, "set \(names.isEmpty ? "them" : names) in Switchyard's environment instead")
            } else {
                note(key, "no Switchyard counterpart")
            }
        }
    }

    private mutating func note(_ path: String, _ message: String) {
        notes.append(LiteLLMNote(path: path, message: message))
    }

    private mutating func read(_ section: String, _ key: String, _ value: Node) {
        let path = "\(section).\(key)"
        switch key {
        case "routing_strategy":
            let name = value.string ?? ""
            switch name {
            case "simple-shuffle": strategy = .weighted
            case "latency-based-routing": strategy = .latency
            case "cost-based-routing": strategy = .cost
            default:
                strategy = .weighted
                note(path, "\(name) has no Switchyard counterpart; the groups route weighted")
            }
        case "fallbacks", "context_window_fallbacks", "content_policy_fallbacks":
            if key != "fallbacks" {
                note(path, "merged into the groups' fallbacks, which Switchyard tries on any failure")
            }
            for (model, targets) in Self.fallbackPairs(value) {
                if let i = fallbacks.firstIndex(where: { $0.model == model }) {
                    fallbacks[i].targets += targets.filter { !fallbacks[i].targets.contains($0) }
                } else {
                    fallbacks.append((model, targets))
                }
            }
        case "default_fallbacks":
            defaultFallbacks += Self.strings(value).filter { !defaultFallbacks.contains($0) }
        case "timeout", "request_timeout":
            if let seconds = value.string.flatMap(LiteLLMYAMLText.decimal).map({ NSDecimalNumber(decimal: $0).doubleValue }),
               seconds > 0 {
                timeout = max(timeout ?? 0, seconds)
            } else {
                note(path, "\(value.string ?? "this value") is not a number of seconds; left out")
            }
        case "max_budget" where section == "litellm_settings":
            guard let limit = value.string.flatMap(LiteLLMYAMLText.decimal), limit > 0 else {
                note(path, "\(value.string ?? "this value") is not a dollar amount; left out")
                return
            }
            budget = (limit, budget?.period ?? .total)
        case "budget_duration" where section == "litellm_settings":
            let text = value.string ?? ""
            let period = Self.period(text)
            budget = (budget?.limit ?? 0, period.period)
            if let message = period.note { note(path, message) }
        default:
            note(path, Self.reason(key))
        }
    }

    /// A global budget needs both settings; `budget_duration` alone says nothing.
    mutating func settleBudget() {
        if let budget, budget.limit == 0 {
            self.budget = nil
            note("litellm_settings.budget_duration", "no max_budget to go with it")
        }
    }

    /// Why a setting with no Switchyard counterpart is left out, for the settings operators ask about most.
    static func reason(_ key: String) -> String {
        switch key {
        case "num_retries", "max_retries", "retry_policy", "model_group_retry_policy":
            "Switchyard retries an attempt and moves on to other deployments and fallbacks by its own retry policy"
        case "allowed_fails", "cooldown_time", "allowed_fails_policy":
            "Switchyard's circuit breaker takes a failing deployment out of rotation and tries it again by itself"
        case "callbacks", "success_callback", "failure_callback", "service_callback":
            "Switchyard traces every request itself (the tracing: section, OTLP export)"
        case "cache", "cache_params":
            "Switchyard does not cache responses"
        case "database_url", "store_model_in_db", "database_connection_pool_limit":
            "Switchyard keeps keys, budgets and spend in its state directory (serve --state-dir)"
        default:
            "no Switchyard counterpart"
        }
    }

    /// `[{model: [fallback, …]}, …]`, or one mapping of them.
    private static func fallbackPairs(_ node: Node) -> [(String, [String])] {
        let mappings: [Node.Mapping] = node.sequence?.compactMap(\.mapping) ?? node.mapping.map { [$0] } ?? []
        return mappings.flatMap { mapping in
            mapping.compactMap { key, value in key.string.map { ($0, strings(value)) } }
        }
    }

    private static func strings(_ node: Node) -> [String] {
        if let list = node.sequence { return list.compactMap(\.string) }
        return node.string.map { [$0] } ?? []
    }

    /// LiteLLM's `budget_duration` (`30s`, `1h`, `1d`, `7d`, `30d`, `1mo`) as the closest Switchyard period.
    static func period(_ text: String) -> (period: BudgetPeriod, note: String?) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        let unit = trimmed.dropFirst(digits.count)
        let scale: Double? = switch unit {
        case "s": 1
        case "m": 60
        case "h": 3_600
        case "d": 86_400
        case "w": 604_800
        case "mo": 2_592_000
        default: nil
        }
        guard let count = Double(digits), let scale, count > 0 else {
            return (.monthly, "\(text) is not a LiteLLM duration; the budget resets monthly")
        }
        let days = count * scale / 86_400
        let (period, exact): (BudgetPeriod, Bool) = days <= 1 ? (.daily, days == 1)
            : days <= 7 ? (.weekly, days == 7) : (.monthly, unit == "mo" ? count == 1 : (28...31).contains(days))
        // Switchyard's periods reset at calendar boundaries (midnight, Monday, the 1st) rather than a rolling span.
        return (period, exact ? nil : "\(text) has no Switchyard period; the closest, \(period.rawValue), is used")
    }
}
