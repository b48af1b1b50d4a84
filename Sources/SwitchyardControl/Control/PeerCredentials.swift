#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// The credentials of the process at the other end of a Unix-domain connection.
public struct PeerCredentials: Sendable, Hashable {
    /// The peer's user id.
    public var uid: UInt32
    /// The peer's process id, when the platform reports it.
    public var pid: Int32?

    /// Creates credentials from their parts.
    public init(uid: UInt32, pid: Int32? = nil) {
        self.uid = uid
        self.pid = pid
    }

    /// Reads the peer's credentials from the connection's socket; nil when the channel is not a local socket.
    public static func read(from channel: any Channel) async -> PeerCredentials? {
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        #if os(Linux)
        // Glibc hides `struct ucred` behind _GNU_SOURCE; this mirrors its layout (pid, uid, gid).
        struct UCred { var pid: Int32 = 0; var uid: UInt32 = 0; var gid: UInt32 = 0 }
        let value: UCred? = try? await provider.unsafeGetSocketOption(
            level: .socket, name: .init(rawValue: SO_PEERCRED)
        ).get()
        return value.map { PeerCredentials(uid: $0.uid, pid: $0.pid) }
        #elseif canImport(Darwin)
        // LOCAL_PEERCRED at level SOL_LOCAL (0) answers an xucred.
        let value: xucred? = try? await provider.unsafeGetSocketOption(
            level: .init(rawValue: 0), name: .init(rawValue: LOCAL_PEERCRED)
        ).get()
        return value.map { PeerCredentials(uid: $0.cr_uid) }
        #else
        return nil
        #endif
    }
}
