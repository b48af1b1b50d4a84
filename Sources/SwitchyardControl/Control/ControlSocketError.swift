/// Why the control socket could not be opened.
public enum ControlSocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another gateway answers on the path.
    case inUse(path: String)
    /// Something other than a socket sits at the path.
    case notASocket(path: String)
    /// The path does not fit in a socket address.
    case pathTooLong(path: String, limit: Int)
    /// The directory could not be created or secured.
    case directory(path: String, reason: String)

    public var description: String {
        switch self {
        case .inUse(let path):
            "another gateway is already listening on the control socket \(path); stop it, or choose another path "
                + "with --control-socket PATH"
        case .notASocket(let path):
            "\(path) exists and is not a socket; remove it, or choose another path with --control-socket PATH"
        case .pathTooLong(let path, let limit):
            "the control socket path \(path) is longer than \(limit) bytes; choose a shorter one with --control-socket PATH"
        case .directory(let path, let reason):
            "cannot prepare the control socket directory \(path): \(reason)"
        }
    }
}
