import Foundation
import SwitchyardControlAPI
import SwitchyardCore
import SwitchyardGateway
import SwitchyardGovernance
import SwitchyardStore
import Synchronization

/// Runtime management of keys, teams and budgets: each change is validated and applied by the governor,
/// persisted to the store (undone in the governor if that fails), and written to the audit log.
/// Config-defined teams and budgets are refused: the file owns them.
public final class GovernanceAdmin: Sendable {
    /// Writes one audit record: actor, action, before, after.
    public typealias Audit = @Sendable (_ actor: String, _ action: String, _ before: String, _ after: String) -> Void

    /// The governance being managed.
    public let service: GovernanceService
    /// The model groups keys, teams and budgets may name.
    private let modelGroups: @Sendable () -> [String]
    private let audit: Audit
    private let clock: @Sendable () -> Double

    /// Management over `service`, checking model names against `engine`'s catalog and auditing into its log;
    /// `clock` gives epoch seconds.
    public convenience init(
        service: GovernanceService, engine: GatewayEngine,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.init(service: service, modelGroups: { engine.catalog.models.map(\.name) }, audit: { actor, action, before, after in
            engine.appendAudit(actor: actor, action: action, before: before, after: after)
        }, clock: clock)
    }

    /// Management over `service` without a gateway of its own (a fleet's shared database): model names are
    /// checked against `modelGroups`, and `audit` writes the trail.
    public init(
        service: GovernanceService, modelGroups: @escaping @Sendable () -> [String], audit: @escaping Audit,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.service = service
        self.modelGroups = modelGroups
        self.audit = audit
        self.clock = clock
    }

    private var governor: Governor { service.governor }
    private var store: any GovernanceStore { service.store }

    // MARK: keys

    /// Every key, by name, with its budgets, recent spend and state.
    public func keys() -> [KeyInfo] {
        let now = clock()
        let budgets = governor.budgetSnapshots(now: now)
        let spent = spent24h(now: now)
        return governor.keys().map { info($0, budgets: budgets, spent: spent, now: now) }
    }

    /// The key named `name`; 404 when there is none.
    public func key(named name: String) throws(GovernanceRefusal) -> KeyInfo {
        guard let info = keys().first(where: { $0.name == name }) else {
            throw GovernanceRefusal(404, missingKey(name))
        }
        return info
    }

    /// Creates a key with a fresh secret (and its budget, if asked); the secret is in the answer and nowhere else.
    public func createKey(_ request: KeyCreateRequest, actor: String) throws(GovernanceRefusal) -> CreatedKey {
        let now = clock()
        let budget = try request.budget.map { b throws(GovernanceRefusal) in
            try ManagementInput.budgetSpec(scope: .key(request.name), limit: b.limit, period: b.period, downgradeTo: b.downgradeTo,
                                 policy: b.policy)
        }
        if let budget { try refuseConfigBudget(BudgetIdentity(budget)) }
        let expiry = try ManagementInput.expiry(request, now: now)
        let ledgerSpent = try budget.map { b throws(GovernanceRefusal) in try periodSpend(b, now: now) } ?? 0
        try checkModels(request.models, field: "models")
        try checkModels(budget?.downgradeTo.map { [$0] }, field: "downgrade_to")
        let minted = KeyMint.generate()
        let record = VirtualKeyRecord(
            name: request.name, hash: minted.hash, prefix: minted.prefix, team: request.team, models: request.models,
            limits: RateLimits(rpm: request.rpm, tpm: request.tpm), expiresAt: expiry, createdAt: now,
            metadata: request.metadata ?? [:])
        try service.change { () throws(GovernanceRefusal) in
            do {
                try governor.addKey(record)
            } catch {
                throw GovernanceRefusal(error, target: false)
            }
            if let budget {
                do {
                    try governor.setBudget(budget, now: now, ledgerSpent: ledgerSpent)
                } catch {
                    _ = try? governor.revokeKey(name: record.name, at: now)
                    throw GovernanceRefusal(error, target: false)
                }
            }
            do {
                try store.saveKey(record)
                if let budget { try store.saveBudget(budget) }
            } catch {
                // The key must not work when it would be gone after a restart.
                _ = try? governor.revokeKey(name: record.name, at: now)
                _ = try? store.deleteKey(named: record.name)
                throw GovernanceRefusal.unsaved("key '\(record.name)'", error)
            }
        }
        audit(actor, "keys create \(record.name)", "none", Self.describe(record, budget: budget))
        return CreatedKey(key: try key(named: record.name), secret: minted.secret)
    }

    /// Revokes the key named `name` (at once, for every request after this one); revoking twice is a no-op.
    public func revokeKey(named name: String, actor: String) throws(GovernanceRefusal) -> KeyInfo {
        let now = clock()
        let wasActive = try service.change { () throws(GovernanceRefusal) -> Bool in
            guard let before = governor.keys().first(where: { $0.name == name }) else {
                throw GovernanceRefusal(404, missingKey(name))
            }
            let record: VirtualKeyRecord
            do {
                record = try governor.revokeKey(name: name, at: now)
            } catch {
                throw GovernanceRefusal(error, target: true)
            }
            do {
                try store.saveKey(record)
            } catch {
                // Stays revoked in memory: failing closed is the safe side of a revocation.
                throw GovernanceRefusal.unsaved("the revocation of key '\(name)'", error)
            }
            return before.revokedAt == nil
        }
        if wasActive {
            audit(actor, "keys revoke \(name)", "active", "revoked")
        }
        return try key(named: name)
    }

    // MARK: teams

    /// Every team, by name, with its key count and owner.
    public func teams() -> [TeamInfo] {
        let keys = governor.keys()
        return governor.teams().map { team in
            TeamInfo(team, keys: keys.count { $0.team == team.name },
                     source: service.configTeams.contains(team.name) ? .config : .api)
        }
    }

    /// Creates or replaces a team; 409 for a team the config file defines. Returns it and whether it is new.
    public func upsertTeam(_ request: TeamRequest, actor: String) throws(GovernanceRefusal) -> (team: TeamInfo, created: Bool) {
        try refuseConfigTeam(request.name)
        try checkModels(request.models, field: "models")
        let team = TeamSpec(name: request.name, models: request.models,
                            limits: RateLimits(rpm: request.rpm, tpm: request.tpm), metadata: request.metadata ?? [:])
        let previous = try service.change { () throws(GovernanceRefusal) -> TeamSpec? in
            let previous = governor.teams().first { $0.name == team.name }
            do {
                try governor.upsertTeam(team)
            } catch {
                throw GovernanceRefusal(error, target: false)
            }
            do {
                try store.saveTeam(team)
            } catch {
                if let previous { try? governor.upsertTeam(previous) } else { _ = try? governor.removeTeam(name: team.name) }
                throw GovernanceRefusal.unsaved("team '\(team.name)'", error)
            }
            return previous
        }
        if previous != team {
            audit(actor, "teams \(previous == nil ? "create" : "update") \(team.name)",
                  previous.map(Self.describe) ?? "none", Self.describe(team))
        }
        let info = teams().first { $0.name == team.name } ?? TeamInfo(team, keys: 0, source: .api)
        return (info, previous == nil)
    }

    /// Deletes a team; refused while keys or budgets name it, and for a team the config file defines.
    public func deleteTeam(named name: String, actor: String) throws(GovernanceRefusal) -> TeamInfo {
        try refuseConfigTeam(name)
        let removed = try service.change { () throws(GovernanceRefusal) -> TeamSpec in
            let removed: TeamSpec
            do {
                removed = try governor.removeTeam(name: name)
            } catch {
                throw GovernanceRefusal(error, target: true)
            }
            do {
                try store.deleteTeam(named: name)
            } catch {
                try? governor.upsertTeam(removed)
                throw GovernanceRefusal.unsaved("the deletion of team '\(name)'", error)
            }
            return removed
        }
        audit(actor, "teams delete \(name)", Self.describe(removed), "none")
        return TeamInfo(removed, keys: 0, source: .api)
    }

    // MARK: budgets

    /// Every budget's standing, in the order set, with its owner.
    public func budgets() -> [BudgetInfo] {
        governor.budgetSnapshots(now: clock()).map { snapshot in
            let id = BudgetIdentity(scope: snapshot.scope, period: snapshot.period)
            return BudgetInfo(budget: snapshot, source: service.configBudgets.contains(id) ? .config : .api)
        }
    }

    /// Sets (creates or changes) a budget; spend so far is kept. 409 for a budget the config file defines.
    public func setBudget(_ request: BudgetRequest, actor: String) throws(GovernanceRefusal) -> BudgetInfo {
        let scope = try ManagementInput.scope(request.scope, name: request.name)
        guard let limit = request.limit else {
            throw GovernanceRefusal(400, "a budget needs a limit in dollars, e.g. \"limit\": 25")
        }
        let spec = try ManagementInput.budgetSpec(scope: scope, limit: limit, period: request.period, downgradeTo: request.downgradeTo,
                                          policy: request.policy)
        if case .model(let name) = scope { try checkModels([name], field: "name") }
        try checkModels(spec.downgradeTo.map { [$0] }, field: "downgrade_to")
        let id = BudgetIdentity(spec)
        try refuseConfigBudget(id)
        let now = clock()
        let ledgerSpent = try periodSpend(spec, now: now)
        let previous = try service.change { () throws(GovernanceRefusal) -> BudgetSpec? in
            let previous = governor.budgets().first { BudgetIdentity($0) == id }
            do {
                try governor.setBudget(spec, now: now, ledgerSpent: ledgerSpent)
            } catch {
                throw GovernanceRefusal(error, target: false)
            }
            do {
                try store.saveBudget(spec)
            } catch {
                if let previous {
                    try? governor.setBudget(previous, now: now)
                } else {
                    _ = try? governor.removeBudget(scope: spec.scope, period: spec.period)
                }
                throw GovernanceRefusal.unsaved("the \(Self.label(id)) budget", error)
            }
            return previous
        }
        if previous != spec {
            audit(actor, "budgets set \(Self.label(id))", previous.map(Self.describe) ?? "none", Self.describe(spec))
        }
        guard let info = budgets().first(where: { BudgetIdentity(scope: $0.budget.scope, period: $0.budget.period) == id }) else {
            throw GovernanceRefusal(500, "the \(Self.label(id)) budget vanished after it was set")
        }
        return info
    }

    /// What the ledger holds for `spec`'s scope over its current period: where a budget made now starts.
    private func periodSpend(_ spec: BudgetSpec, now: Double) throws(GovernanceRefusal) -> Double {
        let query = SpendQuery(scope: spec.scope, since: governor.periodStart(of: spec, now: now))
        do {
            return try service.database.spent([query])[query] ?? 0
        } catch {
            throw GovernanceRefusal(503, "cannot read this period's spend from the ledger, so the budget would start from $0: \(error)")
        }
    }

    /// Deletes a budget by scope and period; 404 when there is none, 409 for one the config file defines.
    public func deleteBudget(_ request: BudgetRequest, actor: String) throws(GovernanceRefusal) -> BudgetSpec {
        let scope = try ManagementInput.scope(request.scope, name: request.name)
        let id = BudgetIdentity(scope: scope, period: try ManagementInput.period(request.period))
        try refuseConfigBudget(id)
        let now = clock()
        let removed = try service.change { () throws(GovernanceRefusal) -> BudgetSpec in
            let removed: BudgetSpec
            do {
                removed = try governor.removeBudget(scope: id.scope, period: id.period)
            } catch {
                throw GovernanceRefusal(error, target: true)
            }
            do {
                try store.deleteBudget(scope: id.scope, period: id.period)
            } catch {
                try? governor.setBudget(removed, now: now)
                throw GovernanceRefusal.unsaved("the deletion of the \(Self.label(id)) budget", error)
            }
            return removed
        }
        audit(actor, "budgets delete \(Self.label(id))", Self.describe(removed), "none")
        return removed
    }

    // MARK: spend

    /// Spend grouped by key, team, model, deployment (or, from a shared ledger, replica) over [since, until),
    /// highest cost first, with the total.
    public func spend(by grouping: SpendGrouping, since: Double, until: Double?) async throws -> SpendReport {
        try await service.spendSource.spendReport(by: grouping, since: since, until: until)
    }

    // MARK: helpers

    private func spent24h(now: Double) -> [String: Double] {
        var spent: [String: Double] = [:]
        for spender in governor.spendSnapshot(now: now).spenders where spender.kind == .key {
            spent[spender.name] = spender.spent24h
        }
        return spent
    }

    private func info(_ record: VirtualKeyRecord, budgets: [BudgetSnapshot], spent: [String: Double], now: Double) -> KeyInfo {
        KeyInfo(record, budgets: budgets.filter { $0.scope == .key(record.name) }, spent24h: spent[record.name] ?? 0,
                now: now)
    }

    private func missingKey(_ name: String) -> String {
        let names = governor.keys().map(\.name)
        if names.isEmpty { return "no key named '\(name)' (there are none)" }
        let shown = names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", …" : "")
        return "no key named '\(name)'; keys: \(shown)"
    }

    /// Model names must be the gateway's model groups: a typo would otherwise make a key that can call nothing.
    private func checkModels(_ names: [String]?, field: String) throws(GovernanceRefusal) {
        let known = modelGroups()
        for name in names ?? [] where !known.contains(name) {
            throw GovernanceRefusal(400, "\(field): unknown model group '\(name)'; known: \(known.sorted().joined(separator: ", "))")
        }
    }

    private func refuseConfigTeam(_ name: String) throws(GovernanceRefusal) {
        if service.configTeams.contains(name) {
            throw GovernanceRefusal(409, "team '\(name)' is defined in the config file; change it there and restart")
        }
    }

    private func refuseConfigBudget(_ id: BudgetIdentity) throws(GovernanceRefusal) {
        if service.configBudgets.contains(id) {
            throw GovernanceRefusal(409, "the \(Self.label(id)) budget is defined in the config file; change it there and restart")
        }
    }
}
