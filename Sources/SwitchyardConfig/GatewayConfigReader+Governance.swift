import Foundation
import SwitchyardCore
import Yams

/// The `governance:`, `teams:` and `budgets:` sections.
extension GatewayConfigReader {
    static func readGovernance(_ node: Node, walker w: inout YAMLWalker) -> GovernancePolicy {
        var policy = GovernancePolicy()
        guard let map = w.mapping(node, "governance", allowed: ["auth", "time_zone", "default_max_tokens"]) else { return policy }
        if let n = map["auth"], let auth = w.oneOf(n, "governance.auth", AuthMode.self) { policy.auth = auth }
        if let n = map["time_zone"], let zone = w.string(n, "governance.time_zone") {
            if TimeZone(identifier: zone) != nil {
                policy.timeZone = zone
            } else {
                w.error(n, "governance.time_zone", "unknown time zone '\(zone)'; expected an IANA name such as UTC or Europe/Berlin")
            }
        }
        if let n = map["default_max_tokens"], let tokens = w.integer(n, "governance.default_max_tokens", minimum: 1, maximum: InputBounds.tokens.upperBound) {
            policy.defaultMaxTokens = tokens
        }
        return policy
    }

    static func readTeams(_ node: Node, models: Set<String>, walker w: inout YAMLWalker) -> [TeamSpec] {
        guard let list = w.sequence(node, "teams") else { return [] }
        var teams: [TeamSpec] = []
        for (i, item) in list.enumerated() {
            let path = "teams[\(i)]"
            guard let map = w.mapping(item, path, allowed: ["name", "models", "rpm", "tpm", "tasks"]) else { continue }
            guard let nameNode = map["name"] else {
                w.error(item, w.join(path, "name"), "missing: every team needs a name")
                continue
            }
            guard let name = w.string(nameNode, w.join(path, "name")) else { continue }
            if teams.contains(where: { $0.name == name }) {
                w.error(nameNode, w.join(path, "name"), "duplicate team name '\(name)'")
                continue
            }
            var allowed: [String]?
            if let list = map["models"].flatMap({ w.sequence($0, w.join(path, "models")) }) {
                allowed = []
                for (k, modelNode) in list.enumerated() {
                    let mpath = "\(path).models[\(k)]"
                    guard let model = w.string(modelNode, mpath) else { continue }
                    if models.contains(model) {
                        allowed?.append(model)
                    } else {
                        w.error(modelNode, mpath, unknownModel(model, models))
                    }
                }
            }
            let rpm = map["rpm"].flatMap { w.integer($0, w.join(path, "rpm"), minimum: 1, maximum: InputBounds.ratePerMinute.upperBound) }
            let tpm = map["tpm"].flatMap { w.integer($0, w.join(path, "tpm"), minimum: 1, maximum: InputBounds.ratePerMinute.upperBound) }
            teams.append(TeamSpec(name: name, models: allowed, limits: RateLimits(rpm: rpm, tpm: tpm)))
        }
        return teams
    }

    static func readBudgets(_ node: Node, models: Set<String>, teams: Set<String>, walker w: inout YAMLWalker) -> [BudgetSpec] {
        guard let list = w.sequence(node, "budgets") else { return [] }
        var budgets: [(spec: BudgetSpec, path: String)] = []
        for (i, item) in list.enumerated() {
            let path = "budgets[\(i)]"
            guard let budget = readBudget(item, path, models: models, walker: &w) else { continue }
            if let twin = budgets.first(where: { $0.spec.scope == budget.scope && $0.spec.period == budget.period }) {
                w.error(item, path, "duplicate budget: \(twin.path) already limits \(budget.scope.label) \(budget.period.rawValue)")
                continue
            }
            if case .team(let team) = budget.scope, !teams.contains(team) {
                w.warning(item, w.join(path, "name"), "team '\(team)' is not defined under teams:; it applies once a team of that name exists")
            }
            budgets.append((budget, path))
        }
        return budgets.map(\.spec)
    }

    private static func readBudget(_ node: Node, _ path: String, models: Set<String>, walker w: inout YAMLWalker) -> BudgetSpec? {
        guard let map = w.mapping(node, path, allowed: ["scope", "name", "limit", "period", "downgrade_to", "policy"]) else { return nil }
        guard let scopeNode = map["scope"], let scopeWord = w.string(scopeNode, w.join(path, "scope")) else {
            if map["scope"] == nil { w.error(node, w.join(path, "scope"), "missing: one of global, team, key, model") }
            return nil
        }
        let name = map["name"].flatMap { w.string($0, w.join(path, "name")) }
        let scope: BudgetScope
        switch scopeWord {
        case "global": scope = .global
        case "team", "key", "model":
            guard let name else {
                w.error(node, w.join(path, "name"), "missing: a \(scopeWord) budget names its \(scopeWord)")
                return nil
            }
            if scopeWord == "model", !models.contains(name) {
                w.error(map["name"], w.join(path, "name"), unknownModel(name, models))
                return nil
            }
            scope = scopeWord == "team" ? .team(name) : scopeWord == "key" ? .key(name) : .model(name)
        default:
            w.error(scopeNode, w.join(path, "scope"), "unknown scope '\(scopeWord)'; expected one of: global, team, key, model")
            return nil
        }
        guard let limitNode = map["limit"] else {
            w.error(node, w.join(path, "limit"), "missing: the budget's limit in dollars")
            return nil
        }
        guard let limit = w.number(limitNode, w.join(path, "limit"), minimum: 0, maximum: InputBounds.budgetDollars.upperBound) else { return nil }
        let period = map["period"].flatMap { w.oneOf($0, w.join(path, "period"), BudgetPeriod.self) } ?? .monthly
        var downgrade: String?
        if let n = map["downgrade_to"], let target = w.string(n, w.join(path, "downgrade_to")) {
            if !models.contains(target) {
                w.error(n, w.join(path, "downgrade_to"), unknownModel(target, models))
                return nil
            }
            if scope == .model(target) {
                w.error(n, w.join(path, "downgrade_to"), "cannot downgrade model '\(target)' to itself; name a cheaper model")
                return nil
            }
            downgrade = target
        }
        let policy = map["policy"].flatMap { w.oneOf($0, w.join(path, "policy"), BudgetPolicy.self) } ?? .refuse
        return BudgetSpec(scope: scope, limit: limit, period: period, downgradeTo: downgrade, policy: policy)
    }

    /// "unknown model 'x' (did you mean 'y'?); models: …".
    static func unknownModel(_ name: String, _ models: Set<String>) -> String {
        let sorted = models.sorted()
        let hint = YAMLWalker.closest(to: name, in: sorted).map { " (did you mean '\($0)'?)" } ?? ""
        return "unknown model '\(name)'\(hint); models: \(sorted.joined(separator: ", "))"
    }
}
