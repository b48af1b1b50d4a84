import SwitchyardCore

extension GovernorState {
    /// `checkReferences` is false when restoring stored state: a key whose team has since gone from the config
    /// file must not keep the gateway from starting (it runs without team limits until the team is back).
    mutating func addKey(_ record: VirtualKeyRecord, checkReferences: Bool = true) throws(GovernanceError) {
        try NameRules.check(record.name, what: "key")
        if keys[record.name] != nil {
            throw GovernanceError(.duplicate, "a key named '\(record.name)' already exists; pick another name or revoke it first")
        }
        guard KeyMint.isHash(record.hash) else {
            throw GovernanceError(.invalid, "key '\(record.name)': hash must be 64 lower-case hex digits (SHA-256 of the secret)")
        }
        if let other = keyByHash[record.hash] {
            throw GovernanceError(.duplicate, "key '\(record.name)' has the same secret as key '\(other)'")
        }
        if checkReferences, let team = record.team, teams[team] == nil {
            throw GovernanceError.notFound("team", team, known: Array(teams.keys))
        }
        try NameRules.check(record.limits, owner: "key '\(record.name)'")
        if let expiry = record.expiresAt, !expiry.isFinite {
            throw GovernanceError(.invalid, "key '\(record.name)': expiry must be a finite time")
        }
        keys[record.name] = record
        keyByHash[record.hash] = record.name
    }

    mutating func revokeKey(name: String, at time: Double) throws(GovernanceError) -> VirtualKeyRecord {
        guard var record = keys[name] else {
            throw GovernanceError.notFound("key", name, known: Array(keys.keys))
        }
        // Revoking twice keeps the first time: that is when the key stopped working.
        if record.revokedAt == nil { record.revokedAt = time }
        keys[name] = record
        return record
    }

    mutating func upsertTeam(_ team: TeamSpec) throws(GovernanceError) {
        try NameRules.check(team.name, what: "team")
        try NameRules.check(team.limits, owner: "team '\(team.name)'")
        teams[team.name] = team
    }

    mutating func removeTeam(name: String) throws(GovernanceError) -> TeamSpec {
        guard let team = teams[name] else {
            throw GovernanceError.notFound("team", name, known: Array(teams.keys))
        }
        // Revoked keys no longer act for the team: they don't keep it alive.
        let members = keys.values.filter { $0.team == name && $0.revokedAt == nil }.map(\.name).sorted()
        if !members.isEmpty {
            let shown = members.prefix(5).joined(separator: ", ") + (members.count > 5 ? ", …" : "")
            throw GovernanceError(.inUse, "team '\(name)' still has \(members.count) key(s) (\(shown)); revoke or move them first")
        }
        let periods = (budgetIndex[.team(name)] ?? []).map { budgets[$0].spec.period.rawValue }
        if !periods.isEmpty {
            // A budget left naming a team that is gone would bind nobody until a team of that name came back.
            throw GovernanceError(.inUse, "team '\(name)' still has budgets (\(periods.joined(separator: ", "))); remove them first")
        }
        teams[name] = nil
        teamRates[name] = nil
        return team
    }

    /// `checkReferences` is false at start: the config may budget a key or team before it exists (keys are made
    /// at runtime); such a budget applies once requests carry that name.
    mutating func setBudget(
        _ spec: BudgetSpec, now: Double, checkReferences: Bool = true, ledgerSpent: Double = 0
    ) throws(GovernanceError) {
        guard InputBounds.budgetDollars.contains(spec.limit) else {
            throw GovernanceError(.invalid, "\(spec.scope.label) \(spec.period.rawValue) budget: limit must be a number of dollars \(InputBounds.describe(InputBounds.budgetDollars)) (got \(InputBounds.formatNumber(spec.limit)))")
        }
        switch spec.scope {
        case .key(let name) where checkReferences && keys[name] == nil:
            throw GovernanceError.notFound("key", name, known: Array(keys.keys))
        case .team(let name) where checkReferences && teams[name] == nil:
            throw GovernanceError.notFound("team", name, known: Array(teams.keys))
        case .model(let name) where name.isEmpty:
            throw GovernanceError(.invalid, "a model budget needs a model group name")
        default:
            break
        }
        if let target = spec.downgradeTo {
            if target.isEmpty { throw GovernanceError(.invalid, "\(spec.scope.label) budget: downgradeTo is empty") }
            if case .model(let name) = spec.scope, name == target {
                throw GovernanceError(.invalid, "model \(name) budget cannot downgrade to the same model")
            }
        }
        let id = BudgetID(scope: spec.scope, period: spec.period)
        if let i = budgetPosition(id) {
            // A new limit keeps what was spent and held: changing a number must not forgive spend.
            budgets[i].spec = spec
        } else {
            var account = BudgetAccount(spec: spec, now: now, zone: zone)
            account.spent = ledgerSpent.isFinite ? max(0, ledgerSpent) : 0
            if leasing { account.ceiling = -.infinity }
            budgets.append(account)
            reindexBudgets()
        }
    }

    mutating func removeBudget(scope: BudgetScope, period: BudgetPeriod) throws(GovernanceError) -> BudgetSpec {
        guard let i = budgetPosition(BudgetID(scope: scope, period: period)) else {
            let same = budgets.filter { $0.spec.scope == scope }.map { $0.spec.period.rawValue }
            var message = "no \(period.rawValue) budget for \(scope.label)"
            if !same.isEmpty { message += "; it has: \(same.joined(separator: ", "))" } else {
                let labels = budgets.map { $0.spec.scope.label }
                if let guess = NameSuggestion.closest(to: scope.label, in: labels) { message += "; did you mean \(guess)?" }
            }
            throw GovernanceError(.notFound, message)
        }
        let removed = budgets.remove(at: i).spec
        reindexBudgets()
        return removed
    }
}

/// What names and limits keys and teams may have.
enum NameRules {
    /// Names appear in URLs, metrics labels and logs: `[A-Za-z0-9._/-]{1,64}`.
    static func check(_ name: String, what: String) throws(GovernanceError) {
        let ok = (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { c in
            (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c) || c == 46 || c == 95 || c == 47
                || c == 45
        }
        if !ok {
            throw GovernanceError(.invalid, "\(what) name '\(name)' must be 1–64 characters of A–Z a–z 0–9 . _ / -")
        }
    }

    static func check(_ limits: RateLimits, owner: String) throws(GovernanceError) {
        let range = InputBounds.ratePerMinute
        if let rpm = limits.rpm, !range.contains(rpm) {
            throw GovernanceError(.invalid, "\(owner): rpm must be \(InputBounds.describe(range)) (got \(rpm))")
        }
        if let tpm = limits.tpm, !range.contains(tpm) {
            throw GovernanceError(.invalid, "\(owner): tpm must be \(InputBounds.describe(range)) (got \(tpm))")
        }
    }
}
