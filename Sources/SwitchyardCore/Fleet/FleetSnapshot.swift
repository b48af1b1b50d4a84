/// What a fleet dashboard knows beside the panes: every replica's heartbeat, and which replica is looked at alone.
public struct FleetSnapshot: Sendable, Codable, Hashable {
    /// Every replica with a heartbeat row, by name.
    public var replicas: [ReplicaSnapshot]
    /// The replica whose own snapshot fills the panes (Enter on a replica), or nil for the whole fleet.
    public var watching: String?

    public init(replicas: [ReplicaSnapshot], watching: String? = nil) {
        self.replicas = replicas
        self.watching = watching
    }

    /// Replicas whose heartbeat is stale or that stopped.
    public var downCount: Int { replicas.count(where: { !$0.isUp }) }
}

/// One replica as its latest heartbeat describes it.
public struct ReplicaSnapshot: Sendable, Codable, Hashable, Identifiable {
    public var id: String { name }
    public var name: String
    public var version: String
    /// Epoch seconds the replica started.
    public var startedAt: Double
    /// Seconds since its last heartbeat, measured by the database's clock (so clocks of other hosts do not matter).
    public var heartbeatAge: Double
    /// It stopped gracefully and said so.
    public var stopped: Bool
    /// Where its HTTP ingress listens.
    public var address: String?
    /// Its control socket's path.
    public var controlSocket: String?
    public var requestsPerSecond: Double
    /// Fraction 0…1.
    public var errorRate: Double
    /// Milliseconds: the slowest p95 among its model groups with recent traffic (see `FleetAggregation`).
    public var latencyP95: Double
    public var inFlight: Int
    public var openBreakers: Int

    public init(
        name: String, version: String, startedAt: Double, heartbeatAge: Double, stopped: Bool, address: String?,
        controlSocket: String?, requestsPerSecond: Double, errorRate: Double, latencyP95: Double, inFlight: Int,
        openBreakers: Int
    ) {
        self.name = name
        self.version = version
        self.startedAt = startedAt
        self.heartbeatAge = heartbeatAge
        self.stopped = stopped
        self.address = address
        self.controlSocket = controlSocket
        self.requestsPerSecond = requestsPerSecond
        self.errorRate = errorRate
        self.latencyP95 = latencyP95
        self.inFlight = inFlight
        self.openBreakers = openBreakers
    }

    /// A heartbeat older than this means the replica is down (it beats every second).
    public static let downAfter = 3.0

    /// Beating, and not stopped.
    public var isUp: Bool { !stopped && heartbeatAge <= Self.downAfter }

    /// "up", "down" or "stopped".
    public var state: String { stopped ? "stopped" : isUp ? "up" : "down" }
}
