import SwitchyardCore

/// Keys of a fleet view: Enter on a replica looks at it alone, Esc returns to the whole fleet.
extension Reducer {
    static func watchSelectedReplica(_ s: inout DashboardState) -> [Effect] {
        let replicas = s.rows.replicas
        guard replicas.indices.contains(s.selected(.replicas)) else { return hint("no replica to look at", &s) }
        let replica = replicas[s.selected(.replicas)]
        s.watching = replica.name
        s.selection = [.replicas: s.selected(.replicas)]
        s.statusMessage = replica.isUp
            ? "replica \(replica.name) alone: its own panes (Esc returns to the fleet)"
            : "replica \(replica.name) is \(replica.state): its last heartbeat (Esc returns to the fleet)"
        s.statusIsError = false
        return [.watch(replica: replica.name)]
    }

    static func watchFleet(_ s: inout DashboardState) -> [Effect] {
        s.watching = nil
        s.selection = [.replicas: s.selected(.replicas)]
        s.statusMessage = "the whole fleet"
        s.statusIsError = false
        return [.watch(replica: nil)]
    }
}
