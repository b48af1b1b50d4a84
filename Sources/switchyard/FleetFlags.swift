import ArgumentParser
import Foundation
import SwitchyardConfig
import SwitchyardFleet

/// `serve`'s options for running as one replica of a fleet that shares state through PostgreSQL.
struct FleetFlags: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Share keys, teams, budget definitions, overrides and the audit trail with other replicas through this PostgreSQL database.",
        discussion: "postgresql://user[:password]@host[:port]/database[?sslmode=disable|prefer|require|verify-ca|verify-full]. Default: $SWITCHYARD_DATABASE_URL, else the config's state.database_url; without one, state stays local. The password may come from $PGPASSWORD, the TLS mode from $PGSSLMODE.",
        valueName: "url"))
    var databaseURL: String?

    @Option(help: ArgumentHelp(
        "This replica's name in the shared database's rows and its local state directory (<state-dir>/<name>) when a database URL is set.",
        discussion: "Default: the listen address, host:port.",
        valueName: "name"))
    var replica: String?

    /// Checks the name alone; the URL is checked once the config is read (it may come from there).
    func validate() throws {
        if let replica { try Self.check(replica: replica) }
    }

    /// A replica name names a directory and database rows: 1–64 printable ASCII characters, no '/'.
    static func check(replica: String) throws {
        guard !replica.isEmpty, replica.count <= 64, !replica.contains("/"), replica != ".", replica != "..",
              replica.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline })
        else {
            throw ValidationError("--replica must be 1–64 printable ASCII characters without spaces or '/', got '\(replica)'")
        }
    }

    /// The shared database to use, if any: the flag, else `SWITCHYARD_DATABASE_URL`, else the config's
    /// `state.database_url`. Throws a one-line error naming where a bad URL came from.
    func database(config: GatewayConfig, environment: [String: String]) throws -> FleetDatabaseURL? {
        try Self.databaseURL(databaseURL, fallback: config.state.databaseURL.map { ($0, "state.database_url") },
                             environment: environment)
    }

    /// `flag` (from `--database-url`), else `SWITCHYARD_DATABASE_URL` unless `ignoringEnvironment`, else
    /// `fallback`, parsed; nil when none is set. A bad URL throws a one-line error naming where it came from.
    static func databaseURL(
        _ flag: String?, ignoringEnvironment: Bool = false, fallback: (text: String, origin: String)? = nil,
        environment: [String: String]
    ) throws -> FleetDatabaseURL? {
        let source: (text: String, origin: String)?
        if let flag {
            source = (flag, "--database-url")
        } else if !ignoringEnvironment, let text = environment["SWITCHYARD_DATABASE_URL"], !text.isEmpty {
            source = (text, "SWITCHYARD_DATABASE_URL")
        } else {
            source = fallback
        }
        guard let source else { return nil }
        do {
            return try FleetDatabaseURL(parsing: source.text, environment: environment)
        } catch {
            throw FleetError("\(source.origin): \(error)")
        }
    }

    /// This replica's name: the flag, else the listen address.
    func replicaName(listen: ListenAddress) -> String {
        replica ?? listen.description
    }
}
