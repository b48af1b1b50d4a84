import Logging
import PostgresNIO

extension FleetConnection {
    /// Runs `body` in one transaction after `lock` (a `pg_advisory_xact_lock` call, held until the end), and
    /// waits for it; rolls back when any step fails.
    func transaction<T: Sendable>(
        locking lock: PostgresQuery, _ body: @escaping @Sendable (PostgresConnection) -> EventLoopFuture<T>
    ) throws(FleetError) -> T {
        let logger = self.logger
        return try run { db in
            db.query("BEGIN", logger: logger)
                .flatMap { _ in db.query(lock, logger: logger) }
                .flatMap { _ in body(db) }
                .flatMap { value in db.query("COMMIT", logger: logger).map { _ in value } }
                .flatMapError { error in
                    db.query("ROLLBACK", logger: logger)
                        .flatMapThrowing { _ -> T in throw error }
                        .flatMapErrorThrowing { _ -> T in throw error }
                }
        }
    }
}
