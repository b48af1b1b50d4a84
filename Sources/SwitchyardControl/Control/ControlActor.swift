import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The audit actor of a control request: `<interface>:<login name or uid>`, e.g. "ctl:alice".
public enum ControlActor {
    /// The interfaces a client may declare in `X-Switchyard-Interface`.
    public static let interfaces: Set<String> = ["tui", "ctl", "api"]

    /// Combines the declared interface (default and fallback "api") with the peer's login name.
    public static func name(interfaceHeader: String?, peerUID: UInt32?) -> String {
        let declared = interfaceHeader?.trimmingCharacters(in: .whitespaces).lowercased() ?? "api"
        let interface = interfaces.contains(declared) ? declared : "api"
        guard let uid = peerUID else { return "\(interface):unknown" }
        return "\(interface):\(loginName(uid: uid))"
    }

    /// The login name of `uid`, or the number when the user database has no entry.
    public static func loginName(uid: UInt32) -> String {
        if let entry = getpwuid(uid_t(uid)), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return String(uid)
    }
}
