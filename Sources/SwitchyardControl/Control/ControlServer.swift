import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SwitchyardCore
import SwitchyardGateway
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The control API on a Unix-domain socket: the socket's directory is private (0700), the socket file is
/// 0600, a stale file is replaced, a live one refused, and the file is removed when the server stops.
public final class ControlServer: Sendable {
    /// Where the server listens.
    public let socketPath: String
    let api: ControlAPI
    let serverUID: UInt32
    private let stopping = StopSignal()
    private let identity = SocketIdentity()

    /// A server over `engine` (and `governance`'s keys, teams and budgets); `info` supplies each snapshot's header.
    public init(
        engine: GatewayEngine, governance: GovernanceService? = nil, reloader: ConfigReloader? = nil,
        socketPath: String, info: @escaping @Sendable () -> GatewayInfo, serverUID: UInt32 = UInt32(getuid())
    ) {
        self.socketPath = socketPath
        self.serverUID = serverUID
        api = ControlAPI(engine: engine, governance: governance, reloader: reloader, info: info, stopping: stopping)
    }

    /// Makes the path usable: creates its directory (0700), removes a stale socket file; throws
    /// `ControlSocketError` when another gateway answers there or the path cannot hold a socket.
    public func prepare() throws {
        try Self.prepare(path: socketPath)
    }

    /// Serves until the task is cancelled or its service group shuts down (open feeds end, then the server closes);
    /// `onListening` gets the path once the socket is bound and private.
    public func run(logger: Logger, onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        try prepare()
        let router = Router(context: ControlContext.self)
        router.add(middleware: ControlGuardMiddleware(serverUID: serverUID))
        api.addRoutes(to: router)
        let path = socketPath
        let identity = identity
        let app = Application(
            router: router,
            configuration: .init(address: .unixDomainSocket(path: path), serverName: "switchyard-control"),
            onServerRunning: { _ in
                // Right after bind, before anyone is told the path.
                chmod(path, 0o600)
                identity.remember(path: path)
                onListening(path)
            },
            logger: logger
        )
        defer { identity.removeIfUnchanged(path: path) }
        let stopping = stopping
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await app.run()
            } onGracefulShutdown: {
                stopping.set()
            }
        } onCancel: {
            stopping.set()
        }
    }

    /// Makes `path` usable for a control socket (see `prepare()`), before a server exists.
    public static func prepare(path: String) throws {
        guard path.utf8.count <= UnixSocket.maxPathBytes else {
            throw ControlSocketError.pathTooLong(path: path, limit: UnixSocket.maxPathBytes)
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try prepareDirectory(directory) }
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else { throw ControlSocketError.notASocket(path: path) }
        if UnixSocket.isAccepting(path: path) { throw ControlSocketError.inUse(path: path) }
        // Nothing accepts: a gateway that did not shut down cleanly left it behind.
        unlink(path)
    }

    /// Creates the directory 0700 when missing. An existing one must be trustworthy (`ControlSocketTrust`):
    /// ours or root's, and writable by others only when sticky like /tmp — else the gateway refuses to start.
    static func prepareDirectory(_ directory: String) throws {
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw ControlSocketError.directory(path: directory, reason: error.localizedDescription)
            }
        }
        do {
            try ControlSocketTrust.checkDirectory(directory)
        } catch {
            throw ControlSocketError.directory(path: directory, reason: error.reason)
        }
    }
}

/// The device and inode of the socket this server bound, so shutdown removes its own file only.
private final class SocketIdentity: Sendable {
    private let identity = Mutex<(UInt64, UInt64)?>(nil)

    func remember(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        identity.withLock { $0 = (UInt64(info.st_dev), UInt64(info.st_ino)) }
    }

    func removeIfUnchanged(path: String) {
        guard let (dev, ino) = identity.withLock({ $0 }) else { return }
        var info = stat()
        guard lstat(path, &info) == 0, UInt64(info.st_dev) == dev, UInt64(info.st_ino) == ino else { return }
        unlink(path)
    }
}
