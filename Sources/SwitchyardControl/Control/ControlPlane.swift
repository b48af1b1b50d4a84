import Logging
import SwitchyardCore
import SwitchyardGateway
import Synchronization

/// The whole control plane of one gateway: stored overrides and audit restored into the engine, every later
/// change persisted, and the control API served on the Unix socket.
public final class ControlPlane: Sendable {
    /// The socket server.
    public let server: ControlServer
    /// The state directory's files.
    public let store: ControlStore
    /// Where overrides and the audit trail persist: `store`, or the fleet's shared database.
    public let overrideStore: any OverrideStore
    /// Stored overrides that were skipped because the configuration no longer has what they name.
    public let warnings: [String]
    /// Keys, teams, budgets and the ledger the governance routes manage; nil when the gateway has none.
    public let governance: GovernanceService?
    private let info: InfoCell

    /// Checks the socket path is free, restores overrides and audit into `engine` (from `shared` when given, else
    /// from `stateDirectory`), and starts persisting its changes there. Throws `ControlSocketError` or
    /// `ControlStoreError`.
    public init(
        engine: GatewayEngine, governance: GovernanceService? = nil, reloader: ConfigReloader? = nil,
        info: GatewayInfo, socketPath: String, stateDirectory: String, shared: (any OverrideStore)? = nil,
        logger: Logger = Logger(label: "switchyard.control")
    ) throws {
        self.governance = governance
        let info = InfoCell(info)
        self.info = info
        server = ControlServer(engine: engine, governance: governance, reloader: reloader, socketPath: socketPath,
                               info: { info.value })
        // Refuse before touching any state when another gateway owns the socket.
        try server.prepare()
        let store = try ControlStore(directory: stateDirectory)
        self.store = store
        let overrideStore = shared ?? store
        self.overrideStore = overrideStore
        // An unreadable file must not keep the gateway from starting: it runs without the overrides, says so.
        do {
            warnings = try overrideStore.loadOverrides().map { engine.restore(overrides: $0) } ?? []
        } catch {
            warnings = ["ignored stored overrides: \(error)"]
        }
        engine.restoreAudit(overrideStore.loadAudit(limit: engine.config.auditCapacity))
        engine.onControlChange { change in
            do {
                try overrideStore.record(change)
            } catch {
                logger.error("cannot persist \(change.record.action): \(error)")
            }
        }
    }

    /// Where the control socket listens.
    public var socketPath: String { server.socketPath }

    /// Updates the header facts snapshots carry (e.g. once the HTTP ingress knows its address).
    public func update(info newInfo: GatewayInfo) {
        info.value = newInfo
    }

    /// Serves the control API until the task is cancelled.
    public func run(logger: Logger, onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        try await server.run(logger: logger, onListening: onListening)
    }
}

/// The snapshot header, replaceable while the server runs.
private final class InfoCell: Sendable {
    private let storage: Mutex<GatewayInfo>

    init(_ info: GatewayInfo) { storage = Mutex(info) }

    var value: GatewayInfo {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
