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
    static let fleetCommands = "status, providers, models, disable, enable, weight, failover, reset, audit, keys, teams and budgets"

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
            return try store.keys().map { KeyInfo($0, fleet: fleet, now: Date().timeIntervalSince1970) }
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

    /// A key, team or budget command: over the socket, or on the fleet's shared database through the same
    /// management code a replica runs, as the operator; `change` also gets the fleet's snapshot (spend and budget
    /// standing come from the replicas' heartbeats, as in `keys list`).
    func governance<T>(
        socket: (ControlClient) async throws -> T,
        fleet change: (GovernanceAdmin, _ fleet: GatewaySnapshot, _ actor: String) throws -> T
    ) async throws -> T {
        guard databaseURL != nil else { return try await run(socket) }
        return try await fleet { feed, store in
            let snapshot = try await feed.snapshot()
            let admin = try FleetGovernance.admin(store: store, modelGroups: snapshot.models.map(\.name)) { error in
                Console.error("switchyard: the change is made, but its audit row could not be written: \(error)")
            }
            let outcome = Result { try change(admin, snapshot, "ctl:\(OperatorIdentity.current)") }
            await admin.service.close()
            return try outcome.get()
        }
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

extension KeyInfo {
    /// A shared key with its budgets and spend as the fleet's replicas report them.
    init(_ record: VirtualKeyRecord, fleet: GatewaySnapshot, now: Double) {
        let spent = fleet.spend.spenders.first { $0.kind == .key && $0.name == record.name }?.spent24h ?? 0
        self.init(record, budgets: fleet.budgets.filter { $0.scope == .key(record.name) }, spent24h: spent, now: now)
    }

    /// This key with its budgets and spend as the fleet's replicas report them.
    func reported(by fleet: GatewaySnapshot) -> KeyInfo {
        var info = self
        info.budgets = fleet.budgets.filter { $0.scope == .key(name) }
        info.spent24h = fleet.spend.spenders.first { $0.kind == .key && $0.name == name }?.spent24h ?? 0
        return info
    }
}

extension BudgetInfo {
    /// This budget as set, with the spend, reservations and burn the fleet's replicas report for it.
    func reported(by fleet: GatewaySnapshot) -> BudgetInfo {
        guard let live = fleet.budgets.first(where: { $0.scope == budget.scope && $0.period == budget.period })
        else { return self }
        var info = self
        info.budget.spent = live.spent
        info.budget.reserved = live.reserved
        info.budget.burnPerHour = live.burnPerHour
        info.budget.burnPerHour24h = live.burnPerHour24h
        info.budget.secondsToExhaustion = live.secondsToExhaustion
        return info
    }

    /// The fleet's budgets: every one the replicas report (those not in the database come from their config
    /// files), then the database's that no live replica reports yet.
    static func fleet(stored: [BudgetInfo], reported: [BudgetSnapshot]) -> [BudgetInfo] {
        func same(_ a: BudgetSnapshot, _ b: BudgetSnapshot) -> Bool { a.scope == b.scope && a.period == b.period }
        let live = reported.map { budget in
            BudgetInfo(budget: budget, source: stored.contains { same($0.budget, budget) } ? .api : .config)
        }
        return live + stored.filter { info in !reported.contains { same($0, info.budget) } }
    }
}
