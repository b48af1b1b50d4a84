#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the control socket lives unless `--control-socket` says otherwise.
public enum ControlSocketPath {
    /// `$XDG_RUNTIME_DIR/switchyard/control.sock`, or `/tmp/switchyard-<uid>/control.sock` without it.
    public static func defaultPath(environment: [String: String], uid: UInt32) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            return trimmingSlash(runtime) + "/switchyard/control.sock"
        }
        return "/tmp/switchyard-\(uid)/control.sock"
    }

    /// The explicit path when given, else the default for this process.
    public static func resolve(
        _ explicit: String?, environment: [String: String], uid: UInt32 = UInt32(getuid())
    ) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        return defaultPath(environment: environment, uid: uid)
    }

    static func trimmingSlash(_ path: String) -> String {
        var p = path
        while p.count > 1, p.hasSuffix("/") { p.removeLast() }
        return p
    }
}
