import ArgumentParser
import Foundation
import Logging
import SwitchyardControl
import SwitchyardControlAPI
import SwitchyardCore
import SwitchyardFleet

/// `ctl --database-url`: the commands the shared database can answer without a replica's socket — the fleet's
/// state from the replicas' heartbeats, overrides written as a replica's control plane writes them, the audit trail.
extension CtlOptions {
    /// What `--database-url` serves, for the message refusing the rest.
    static let fleetCommands = "status, providers, models, disable, enable, weight, failover, reset, audit and keys list"

    /// The gateway's snapshot over the socket, or the fleet's (its live replicas added up) from the database.
    func snapshot() async throws -> GatewaySnapshot {
        guard databaseURL != nil else { return try await run { try await $0.get(GatewaySnapshot.self, ControlPath.status) } }
        return try await fleet { feed, _ in try await feed.snapshot() }
    }

    /// The latest `limit` audit records, oldest first: the gateway's, or the fleet's whole trail.
    func audit(limit: Int) async throws -> [AuditRecord] {
        guard databaseURL != nil else {
            return try await run { try await $0.get([AuditRecord].self, ControlPath.query(ControlPath.audit, [("limit", "\(limit)")])) }
        }
        return try await fleet { _, store in try store.auditTrail(limit: limit).map(\.record) }
    }

    /// The virtual keys: the gateway's, or the fleet's shared ones with their budgets and spend added up from the
    /// replicas' heartbeats.
    func keys() async throws -> [KeyInfo] {
        guard databaseURL != nil else { return try await run { try await $0.request([KeyInfo].self, "GET", ControlPath.keys) } }
        return try await fleet { feed, store in
            let fleet = try await feed.snapshot()
            let now = Date().timeIntervalSince1970
            return try store.keys().map { record in
                let spent = fleet.spend.spenders.first { $0.kind == .key && $0.name == record.name }?.spent24h ?? 0
                return KeyInfo(record, budgets: fleet.budgets.filter { $0.scope == .key(record.name) }, spent24h: spent, now: now)
            }
        }
    }

    /// Applies `command` to the fleet's shared overrides, checked against the names the replicas report.
    func fleetCommand(_ command: ControlCommand) async throws {
        if command == .undo {
            Console.error("switchyard: undo reverts one replica's own last change: run it on that replica (--socket)")
            throw ExitCode.failure
        }
        let result = try await fleet { feed, _ in
            _ = try await feed.snapshot()
            return try await feed.send(command, actor: "ctl:\(OperatorIdentity.current)")
        }
        guard result.ok else {
            Console.error("switchyard: \(result.message)")
            throw ExitCode.failure
        }
        Console.out(result.message)
    }

    /// Runs `body` against the database; an unusable one is one line on stderr and exit status 1.
    private func fleet<T>(_ body: (FleetFeed, FleetStore) async throws -> T) async throws -> T {
        let url: FleetDatabaseURL
        do {
            guard let parsed = try FleetFlags.databaseURL(databaseURL, ignoringEnvironment: true,
                                                          environment: ProcessInfo.processInfo.environment)
            else { throw FleetError("--database-url needs a URL") }
            url = parsed
        } catch {
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
        let logger = Logger(label: "switchyard.fleet") { _ in SwiftLogNoOpLogHandler() }
        let feed = FleetFeed(url: url, logger: logger)
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body(feed, feed.store))
        } catch {
            outcome = .failure(error)
        }
        await feed.shutdown()
        switch outcome {
        case .success(let value): return value
        case .failure(let error):
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
    }
}
