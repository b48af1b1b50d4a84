import Foundation
import SwitchyardControl
import SwitchyardCore
import SwitchyardFleet
import SwitchyardGateway

/// Keys, teams and budgets managed straight in a fleet's shared database, as a replica's control plane manages
/// them: the same `GovernanceAdmin` validates, mints and saves, over a governor loaded from the database; the
/// replicas take every change in through LISTEN/NOTIFY, and each gets an audit row naming the operator.
enum FleetGovernance {
    /// Management over `store`. Model names are checked against `modelGroups` (what the replicas report); the
    /// teams and budgets the replicas' config files define are not in the database, so a key cannot name such a
    /// team, and a replica's file wins over a database budget of the same scope and period.
    static func admin(
        store: FleetStore, modelGroups: [String], onAuditFailure: @escaping @Sendable (any Error) -> Void
    ) throws -> GovernanceAdmin {
        let service = try GovernanceService.open(
            policy: GovernancePolicy(), teams: [], budgets: [], stateDirectory: nil, shared: store,
            now: Date().timeIntervalSince1970)
        return GovernanceAdmin(service: service, modelGroups: { modelGroups }, audit: { actor, action, before, after in
            do {
                try audit(store, AuditRecord(sequence: 0, time: Date().timeIntervalSince1970, actor: actor,
                                             action: action, before: before, after: after))
            } catch {
                onAuditFailure(error)
            }
        })
    }

    /// Writes `record` to the fleet's audit trail, leaving the shared overrides as they are.
    static func audit(_ store: FleetStore, _ record: AuditRecord) throws {
        let current = try store.sharedOverrides() ?? StoredOverrides()
        store.adopted(current)
        try store.record(ControlChange(record: record, overrides: current))
    }
}
