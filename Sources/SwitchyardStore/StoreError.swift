/// Why the store could not be opened or used.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists but is not a SQLite database (or is damaged beyond opening).
    case notADatabase(path: String, reason: String)
    /// The file was written by a newer Switchyard whose schema this build does not know.
    case newerSchema(path: String)
    /// The database could not be opened or migrated for another reason.
    case openFailed(path: String, reason: String)
    /// The ledger writer was closed; the entry was not recorded.
    case writerClosed
    /// The entry cannot be stored as given (e.g. a non-finite cost).
    case invalidEntry(requestID: String, reason: String)

    /// One line for logs and the command line, naming the file where there is one.
    public var description: String {
        switch self {
        case .notADatabase(let path, let reason):
            "\(path) is not a Switchyard state database (\(reason)); move it aside or point --state-dir elsewhere"
        case .newerSchema(let path):
            "\(path) was written by a newer Switchyard (unknown schema migrations); upgrade or use another state directory"
        case .openFailed(let path, let reason):
            "cannot open \(path): \(reason)"
        case .writerClosed:
            "the ledger is closed"
        case .invalidEntry(let id, let reason):
            "ledger entry \(id) rejected: \(reason)"
        }
    }
}
