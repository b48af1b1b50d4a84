import Foundation
import PostgresNIO
import SwitchyardCore

/// One replica's row in `switchyard_heartbeats`: who it is, where it listens, and a compact snapshot of its state
/// (the dashboard's own `GatewaySnapshot`, as JSON), rewritten every second while it runs.
public struct ReplicaHeartbeat: Sendable, Hashable {
    public var replica: String
    public var version: String
    /// Epoch seconds the replica started.
    public var startedAt: Double
    /// Seconds since the row was written, by the database's clock (set when read).
    public var age: Double
    /// The replica stopped gracefully.
    public var stopped: Bool
    public var address: String?
    public var controlSocket: String?
    public var snapshot: GatewaySnapshot

    public init(
        replica: String, version: String, startedAt: Double, age: Double = 0, stopped: Bool = false,
        address: String?, controlSocket: String?, snapshot: GatewaySnapshot
    ) {
        self.replica = replica
        self.version = version
        self.startedAt = startedAt
        self.age = age
        self.stopped = stopped
        self.address = address
        self.controlSocket = controlSocket
        self.snapshot = snapshot
    }

    /// Events, requests and audit records a heartbeat keeps (the newest): enough for a fleet's panes, small enough
    /// to rewrite every second.
    public static let recentLimit = 30

    /// `snapshot` without what a heartbeat need not carry: only the newest events, requests and audit records.
    public static func compact(_ snapshot: GatewaySnapshot) -> GatewaySnapshot {
        var s = snapshot
        s.events = Array(s.events.suffix(recentLimit))
        s.requests = Array(s.requests.suffix(recentLimit))
        s.audit = Array(s.audit.suffix(recentLimit))
        return s
    }

    /// The Replicas pane's row for this heartbeat.
    public var summary: ReplicaSnapshot {
        ReplicaSnapshot(
            name: replica, version: version, startedAt: startedAt, heartbeatAge: age, stopped: stopped,
            address: address, controlSocket: controlSocket, requestsPerSecond: snapshot.totals.requestsPerSecond,
            errorRate: snapshot.totals.errorRate, latencyP95: FleetAggregation.latencyP95(snapshot),
            inFlight: snapshot.totals.inFlight, openBreakers: snapshot.providers.reduce(0) { $0 &+ $1.openBreakers })
    }

    // MARK: the table

    /// Writes (or rewrites) this replica's row, marking it running and fresh.
    public func write(on connection: FleetConnection) throws(FleetError) {
        let json: String
        do {
            json = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
        } catch {
            throw FleetError("cannot encode the heartbeat snapshot: \(error)")
        }
        _ = try connection.query("""
            INSERT INTO switchyard_heartbeats (replica, version, started_at, updated_at, stopped, address, control_socket, snapshot)
            VALUES (\(replica), \(version), \(startedAt), now(), false, \(address), \(controlSocket), \(json))
            ON CONFLICT (replica) DO UPDATE SET version = excluded.version, started_at = excluded.started_at,
                updated_at = now(), stopped = false, address = excluded.address,
                control_socket = excluded.control_socket, snapshot = excluded.snapshot
            """)
    }

    /// Marks `replica` stopped (a graceful shutdown), so dashboards show it down at once.
    public static func markStopped(_ replica: String, on connection: FleetConnection) throws(FleetError) {
        _ = try connection.query(
            "UPDATE switchyard_heartbeats SET stopped = true, updated_at = now() WHERE replica = \(replica)")
    }

    /// Every replica's row, by name. A row whose snapshot cannot be read (a newer replica's, say) is skipped.
    public static func all(on connection: FleetConnection) throws(FleetError) -> [ReplicaHeartbeat] {
        let rows = try connection.query("""
            SELECT replica, version, started_at, extract(epoch FROM now() - updated_at)::double precision, stopped,
                   address, control_socket, snapshot
            FROM switchyard_heartbeats ORDER BY replica
            """)
        let decoder = JSONDecoder()
        return rows.compactMap { row in
            guard let (replica, version, startedAt, age, stopped, address, socket, json) = try? row.decode(
                (String, String, Double, Double, Bool, String?, String?, String).self),
                let snapshot = try? decoder.decode(GatewaySnapshot.self, from: Data(json.utf8))
            else { return nil }
            return ReplicaHeartbeat(replica: replica, version: version, startedAt: startedAt, age: max(0, age),
                                    stopped: stopped, address: address, controlSocket: socket, snapshot: snapshot)
        }
    }
}
