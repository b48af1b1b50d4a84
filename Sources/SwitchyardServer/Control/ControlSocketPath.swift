import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the control socket lives when `--control-socket`/`--socket` is not given.
public enum ControlSocketPath {
    /// `$XDG_RUNTIME_DIR/switchyard/control.sock`, or `/tmp/switchyard-<uid>/control.sock` when that is unset or empty.
    public static func `default`(
        environment: [String: String] = ProcessInfo.processInfo.environment, uid: UInt32 = UInt32(getuid())
    ) -> String {
        directory(environment: environment, uid: uid) + "/control.sock"
    }

    /// The directory holding the default socket (created 0700 by the server).
    public static func directory(
        environment: [String: String] = ProcessInfo.processInfo.environment, uid: UInt32 = UInt32(getuid())
    ) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            // A trailing slash would otherwise show up doubled in every message naming the socket.
            let trimmed = runtime.hasSuffix("/") && runtime.count > 1 ? String(runtime.dropLast()) : runtime
            return trimmed + "/switchyard"
        }
        return "/tmp/switchyard-\(uid)"
    }
}
