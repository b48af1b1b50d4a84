import PostgresNIO

/// Why the shared database could not be used; the description is one line fit for an operator, naming the
/// database without its password.
public struct FleetError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    /// `error` as an operator should read it: PostgresNIO keeps server messages out of its own descriptions.
    static func reason(_ error: any Error) -> String {
        if let fleet = error as? FleetError { return fleet.description }
        guard let psql = error as? PSQLError else { return "\(error)" }
        if let message = psql.serverInfo?[.message] {
            let state = psql.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + state
        }
        if let underlying = psql.underlying { return "\(psql.code): \(underlying)" }
        return "\(psql.code)"
    }
}
