import ArgumentParser
import Foundation
import Logging
import SwitchyardControl
import SwitchyardCore
import SwitchyardFleet
import SwitchyardStore

/// `switchyard migrate --from-sqlite DIR --database-url URL`: a single gateway's state into a fleet's database.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move a stopped single gateway's keys, teams, budgets, ledger, overrides and audit into PostgreSQL.",
        discussion: """
            Reads the state directory a gateway served with (--state-dir; its switchyard.db, overrides.json and
            audit.jsonl), brings the database's schema up to date and writes everything there. Running it again
            adds nothing twice. The gateway must be stopped: a running one holds the directory's lock.

            The moved ledger rows are kept under the replica name given by --replica; choose one no replica
            serves under.

            Examples:
              switchyard migrate --from-sqlite state --database-url postgresql://db/gw
              export SWITCHYARD_DATABASE_URL=postgresql://gw@db/gw
              switchyard migrate --from-sqlite /var/lib/switchyard --replica gw-old
            """)

    @Option(help: ArgumentHelp("The stopped gateway's state directory.", valueName: "dir"))
    var fromSqlite: String

    @Option(help: ArgumentHelp(
        "The shared PostgreSQL database (default: $SWITCHYARD_DATABASE_URL).",
        discussion: "postgresql://user[:password]@host[:port]/database[?sslmode=…]; the password may come from $PGPASSWORD.",
        valueName: "url"))
    var databaseURL: String?

    @Option(help: ArgumentHelp("The replica name the moved ledger and audit rows carry.", valueName: "name"))
    var replica = "migrated"

    func validate() throws {
        try FleetFlags.check(replica: replica)
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let text = databaseURL ?? environment["SWITCHYARD_DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            Console.error("switchyard: migrate needs --database-url (or SWITCHYARD_DATABASE_URL)")
            throw ExitCode.failure
        }
        let url: FleetDatabaseURL
        do {
            url = try FleetDatabaseURL(parsing: text, environment: environment)
        } catch {
            Console.error("switchyard: --database-url: \(error)")
            throw ExitCode.failure
        }
        let directory = fromSqlite
        let file = (directory as NSString).appendingPathComponent(StoreDatabase.fileName)
        guard FileManager.default.fileExists(atPath: file) else {
            Console.error("switchyard: no gateway state in \(directory): it holds no \(StoreDatabase.fileName) (give the directory serve used as --state-dir)")
            throw ExitCode.failure
        }
        // Held until done: a gateway started on the directory meanwhile would write rows this run never sees.
        let lock: StateDirectoryLock
        do {
            lock = try StateDirectoryLock(directory: directory)
        } catch StateDirectoryLockError.held(_, let pid) {
            let who = pid.map { " (pid \($0))" } ?? ""
            Console.error("switchyard: cannot migrate \(directory) while a gateway runs on it\(who): stop it first")
            throw ExitCode.failure
        } catch {
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
        defer { withExtendedLifetime(lock) {} }
        let outcome: FleetImport.Outcome
        do {
            let database = try StoreDatabase(directory: directory)
            let files = try ControlStore(directory: directory)
            let store = try FleetStore.open(url: url, replica: replica, logger: Logger(label: "switchyard.fleet"))
            defer { store.connection.close() }
            outcome = try FleetImport(database: database, files: files, store: store).run()
        } catch {
            Console.error("switchyard: migrate: \(error)")
            throw ExitCode.failure
        }
        Console.out(Self.summary(outcome, from: directory, to: url, replica: replica))
    }

    static func summary(_ o: FleetImport.Outcome, from directory: String, to url: FleetDatabaseURL, replica: String) -> String {
        let dollars = CtlTable.dollars
        return """
            Moved \(directory) into \(url) (schema version \(FleetSchema.version)):
              keys       \(o.keys)
              teams      \(o.teams)
              budgets    \(o.budgets)
              overrides  \(o.overrides ? "moved" : "none in force")
              audit      \(o.auditRecords) records (\(o.newAuditRecords) new)
              ledger     \(o.ledgerRows) rows (\(o.newLedgerRows) new), \(o.inputTokens) input + \(o.outputTokens) output tokens, \(dollars(o.cost))
            The shared ledger holds \(o.sharedRows) rows, \(dollars(o.sharedCost)), for replica \(replica).
            """
    }
}
