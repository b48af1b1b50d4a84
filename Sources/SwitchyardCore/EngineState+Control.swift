/// Operator overrides: validation, state change, audit, event and the undo stack.
extension EngineState {
    private func unknown(_ what: String, _ name: String, valid: [String]) -> CommandResult {
        CommandResult(ok: false, message: "unknown \(what) '\(name)'; valid: \(valid.joined(separator: ", "))")
    }

    private var providerNames: [String] { index.live.providers.map(\.name) }
    private var deploymentIDs: [String] { index.live.deployments.map(\.id) }
    private var modelNames: [String] { index.live.models.map(\.name) }

    /// Applies a command on behalf of `actor`.
    mutating func apply(_ command: ControlCommand, actor: String, now: Double) -> CommandResult {
        switch command {
        case .disableProvider(let name), .enableProvider(let name):
            guard let p = index.providerByName[name] else { return unknown("provider", name, valid: providerNames) }
            let disable = if case .disableProvider = command { true } else { false }
            guard overrides.providerDisabled[p] != disable else {
                return CommandResult(ok: true, message: "provider \(name) is already \(disable ? "disabled" : "enabled")")
            }
            var next = overrides
            next.providerDisabled[p] = disable
            return commit(next, action: command.summary, before: disable ? "enabled" : "disabled",
                          after: disable ? "disabled" : "enabled", target: name, model: nil, actor: actor, now: now)

        case .disableDeployment(let id), .enableDeployment(let id):
            guard let d = index.deploymentByID[id] else { return unknown("deployment", id, valid: deploymentIDs) }
            let disable = if case .disableDeployment = command { true } else { false }
            guard overrides.deploymentDisabled[d] != disable else {
                return CommandResult(ok: true, message: "deployment \(id) is already \(disable ? "disabled" : "enabled")")
            }
            var next = overrides
            next.deploymentDisabled[d] = disable
            return commit(next, action: command.summary, before: disable ? "enabled" : "disabled",
                          after: disable ? "disabled" : "enabled", target: id, model: index.deployment(d).model,
                          actor: actor, now: now)

        case .setWeight(let id, let weight):
            guard let d = index.deploymentByID[id] else { return unknown("deployment", id, valid: deploymentIDs) }
            guard InputBounds.weight.contains(weight) else {
                return CommandResult(
                    ok: false,
                    message: "weight must be a number \(InputBounds.describe(InputBounds.weight)), got \(InputBounds.formatNumber(weight))")
            }
            let old = overrides.weight[d]
            guard old != weight else {
                return CommandResult(ok: true, message: "\(id) already has weight \(InputBounds.formatNumber(weight))")
            }
            var next = overrides
            next.weight[d] = weight
            return commit(next, action: command.summary, before: "weight \(InputBounds.formatNumber(old))",
                          after: "weight \(InputBounds.formatNumber(weight))", target: id, model: index.deployment(d).model,
                          actor: actor, now: now)

        case .failover(let model, let from):
            guard let g = index.groupByName[model] else { return unknown("model", model, valid: modelNames) }
            let members = index.groupDeployments[g]
            // Accept a deployment id, or a provider name that identifies one deployment of the group.
            let d = index.deploymentByID[from].flatMap { members.contains($0) ? $0 : nil }
                ?? members.first { index.deployment($0).provider == from }
            guard let d else {
                return unknown("deployment of \(model)", from, valid: members.map { index.deployment($0).id })
            }
            guard members.count > 1 else {
                return CommandResult(ok: false, message: "\(model) has no other deployment to fail over to")
            }
            guard !overrides.draining[d] else {
                return CommandResult(ok: true, message: "\(index.deployment(d).id) is already draining")
            }
            var next = overrides
            next.draining[d] = true
            return commit(next, action: command.summary, before: "serving", after: "draining",
                          target: index.deployment(d).id, model: model, actor: actor, now: now)

        case .undo:
            guard let entry = undoStack.popLast() else {
                return CommandResult(ok: false, message: "nothing to undo")
            }
            overrides = entry.before
            return record(action: "undo \(entry.action)", before: entry.afterText, after: entry.beforeText,
                          target: entry.target, model: entry.model, actor: actor, now: now)

        case .reset:
            guard overrides != baseOverrides else { return CommandResult(ok: true, message: "no overrides to reset") }
            let before = overrides.describe(against: baseOverrides, index: index)
            return commit(baseOverrides, action: command.summary, before: before, after: "as configured", target: nil,
                          model: nil, actor: actor, now: now)
        }
    }

    /// Installs `next`, pushes the previous state for undo, and records audit + event.
    private mutating func commit(
        _ next: OverrideState, action: String, before: String, after: String, target: String?, model: String?,
        actor: String, now: Double
    ) -> CommandResult {
        undoStack.append(UndoEntry(before: overrides, action: action, beforeText: before, afterText: after,
                                   target: target, model: model))
        overrides = next
        return record(action: action, before: before, after: after, target: target, model: model, actor: actor,
                      now: now)
    }

    private mutating func record(
        action: String, before: String, after: String, target: String?, model: String?, actor: String, now: Double
    ) -> CommandResult {
        auditSequence += 1
        let entry = AuditRecord(sequence: auditSequence, time: now, actor: actor, action: action, before: before,
                                after: after)
        audit.append(entry)
        emit(.override, now: now, model: model, from: target, to: after, reason: actor)
        return CommandResult(ok: true, message: "\(action): \(before) → \(after)", audit: entry)
    }
}
