#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain blocking Unix-domain stream sockets: the liveness probe and the command-line client use them.
public enum UnixSocket {
    /// The longest path `sockaddr_un` holds (with its terminating NUL).
    public static let maxPathBytes = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    /// A connect failure: the errno and its text.
    public struct ConnectError: Error, Sendable, CustomStringConvertible {
        /// The errno of the failed call.
        public var code: Int32
        /// strerror of `code`.
        public var description: String
    }

    /// Connects to `path`; the caller closes the returned descriptor.
    public static func connect(path: String) throws(ConnectError) -> Int32 {
        let bytes = Array(path.utf8)
        guard bytes.count <= maxPathBytes else { throw ConnectError(code: ENAMETOOLONG, description: "path too long") }
        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw error(errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                #if canImport(Glibc)
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                #else
                Darwin.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                #endif
            }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw error(code)
        }
        return fd
    }

    /// True when something accepts connections on `path` now.
    public static func isAccepting(path: String) -> Bool {
        guard let fd = try? connect(path: path) else { return false }
        close(fd)
        return true
    }

    static func error(_ code: Int32) -> ConnectError {
        ConnectError(code: code, description: String(cString: strerror(code)))
    }
}
