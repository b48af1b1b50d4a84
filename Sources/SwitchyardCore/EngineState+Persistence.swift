/// Converting overrides to and from their by-name stored form, and seeding the audit log.
extension EngineState {
    /// The overrides in force, by name, without what equals the catalog.
    func storedOverrides() -> StoredOverrides {
        var stored = StoredOverrides()
        let catalog = index.catalog
        for (i, p) in catalog.providers.enumerated() where overrides.providerDisabled[i] {
            stored.disabledProviders.append(p.name)
        }
        for (i, d) in catalog.deployments.enumerated() {
            if overrides.deploymentDisabled[i] { stored.disabledDeployments.append(d.id) }
            if overrides.draining[i] { stored.drainingDeployments.append(d.id) }
            if overrides.weight[i] != baseOverrides.weight[i] { stored.weights[d.id] = overrides.weight[i] }
        }
        return stored
    }

    /// Installs stored overrides over the catalog's defaults; names the catalog no longer has are skipped
    /// and returned as warnings. The undo stack starts empty: undo reaches back only within this run.
    mutating func restore(_ stored: StoredOverrides) -> [String] {
        var next = baseOverrides
        var warnings: [String] = []
        for name in stored.disabledProviders {
            guard let p = index.providerByName[name] else {
                warnings.append("skipped stored override: provider '\(name)' is not in the configuration")
                continue
            }
            next.providerDisabled[p] = true
        }
        for id in stored.disabledDeployments {
            guard let d = index.deploymentByID[id] else {
                warnings.append("skipped stored override: deployment '\(id)' is not in the configuration")
                continue
            }
            next.deploymentDisabled[d] = true
        }
        for id in stored.drainingDeployments {
            guard let d = index.deploymentByID[id] else {
                warnings.append("skipped stored failover: deployment '\(id)' is not in the configuration")
                continue
            }
            next.draining[d] = true
        }
        for (id, weight) in stored.weights.sorted(by: { $0.key < $1.key }) {
            guard let d = index.deploymentByID[id] else {
                warnings.append("skipped stored weight: deployment '\(id)' is not in the configuration")
                continue
            }
            guard InputBounds.weight.contains(weight) else {
                warnings.append("skipped stored weight of \(id): \(InputBounds.formatNumber(weight)) is not a number \(InputBounds.describe(InputBounds.weight))")
                continue
            }
            next.weight[d] = weight
        }
        overrides = next
        undoStack.removeAll()
        return warnings
    }

    /// Seeds the audit log with earlier records (oldest first); new records continue their numbering.
    mutating func restoreAudit(_ records: [AuditRecord]) {
        for record in records.sorted(by: { $0.sequence < $1.sequence }) {
            audit.append(record)
            auditSequence = max(auditSequence, record.sequence)
        }
    }
}

/// Audit records for changes made outside the engine (virtual keys, teams, budgets).
extension EngineState {
    /// Appends a record with the next sequence number; no override changes and no undo entry.
    mutating func appendAudit(actor: String, action: String, before: String, after: String, now: Double) -> AuditRecord {
        auditSequence += 1
        let entry = AuditRecord(sequence: auditSequence, time: now, actor: actor, action: action, before: before,
                                after: after)
        audit.append(entry)
        return entry
    }
}
