#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who is at the keyboard, for audit records: the login name of the process's uid.
enum OperatorIdentity {
    static var current: String {
        let uid = getuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return "uid\(uid)"
    }
}
