import Foundation
import HTTPTypes
import Hummingbird
import SwitchyardStore
import SwitchyardControlAPI

/// The governance routes: virtual keys, teams, budgets and spend reports. Without governance they answer 503.
extension ControlAPI {
    func addGovernanceRoutes(to router: Router<ControlContext>) {
        router.get(RouterPath(ControlPath.keys)) { _, _ in try self.json(try self.admin().keys()) }
        router.post(RouterPath(ControlPath.keys)) { request, context in
            let body = try await self.decode(KeyCreateRequest.self, request, example: #"{"name":"team-a/ci","team":"team-a"}"#)
            let created = try self.refusing { try self.admin().createKey(body, actor: Self.actor(request, context)) }
            return try self.json(created, status: .created)
        }
        router.get(RouterPath(ControlPath.keyPattern)) { _, context in
            let name = try Self.segment("name", context)
            return try self.json(try self.refusing { try self.admin().key(named: name) })
        }
        router.post(RouterPath(ControlPath.revokeKeyPattern)) { request, context in
            let name = try Self.segment("name", context)
            return try self.json(try self.refusing {
                try self.admin().revokeKey(named: name, actor: Self.actor(request, context))
            })
        }
        router.get(RouterPath(ControlPath.teams)) { _, _ in try self.json(try self.admin().teams()) }
        router.post(RouterPath(ControlPath.teams)) { request, context in
            let body = try await self.decode(TeamRequest.self, request, example: #"{"name":"team-a","rpm":600}"#)
            let result = try self.refusing { try self.admin().upsertTeam(body, actor: Self.actor(request, context)) }
            return try self.json(result.team, status: result.created ? .created : .ok)
        }
        router.delete(RouterPath(ControlPath.teamPattern)) { request, context in
            let name = try Self.segment("name", context)
            return try self.json(try self.refusing {
                try self.admin().deleteTeam(named: name, actor: Self.actor(request, context))
            })
        }
        router.get(RouterPath(ControlPath.budgets)) { _, _ in try self.json(try self.admin().budgets()) }
        router.put(RouterPath(ControlPath.budgets)) { request, context in
            let body = try await self.decode(
                BudgetRequest.self, request, example: #"{"scope":"team","name":"team-a","limit":25,"period":"weekly"}"#)
            return try self.json(try self.refusing { try self.admin().setBudget(body, actor: Self.actor(request, context)) })
        }
        router.delete(RouterPath(ControlPath.budgets)) { request, context in
            let body = try await self.decode(
                BudgetRequest.self, request, example: #"{"scope":"team","name":"team-a","period":"weekly"}"#)
            return try self.json(try self.refusing {
                try self.admin().deleteBudget(body, actor: Self.actor(request, context))
            })
        }
        router.get(RouterPath(ControlPath.spend)) { request, _ in try await self.spend(request) }
    }

    private func spend(_ request: Request) async throws -> Response {
        let admin = try admin()
        let query = request.uri.queryParameters
        let byText = query.get("by") ?? SpendGrouping.key.rawValue
        guard let grouping = SpendGrouping(rawValue: byText.lowercased()) else {
            throw ControlFailure(.badRequest, "by must be key, team, model, deployment or replica (got '\(byText)')")
        }
        if !grouping.isLocal, !admin.service.sharesLedger {
            throw ControlFailure(.badRequest, "by \(grouping.rawValue) needs a fleet's shared ledger (serve --database-url)")
        }
        let now = Date().timeIntervalSince1970
        let since = try Self.time(query.get("since") ?? "24h", name: "since", now: now)
        let until = try query.get("until").map { try Self.time($0, name: "until", now: now) }
        if let until, until <= since {
            throw ControlFailure(.badRequest, "until must be after since")
        }
        do {
            return try json(try await admin.spend(by: grouping, since: since, until: until))
        } catch {
            throw ControlFailure(.internalServerError, "cannot read the ledger: \(error)")
        }
    }

    private static func time(_ text: String, name: String, now: Double) throws -> Double {
        guard let time = TimeArgument.past(text, now: now) else {
            throw ControlFailure(.badRequest, "\(name) '\(text)' is not a time: use \(TimeArgument.accepted)")
        }
        return time
    }

    private func admin() throws -> GovernanceAdmin {
        guard let governance else {
            throw ControlFailure(.serviceUnavailable, "this gateway runs without governance")
        }
        return governance
    }

    /// Runs a management call, turning its refusal into the API's error answer.
    private func refusing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let refusal as GovernanceRefusal {
            throw ControlFailure(HTTPResponse.Status(code: refusal.status), refusal.message)
        }
    }

    static func actor(_ request: Request, _ context: ControlContext) -> String {
        let declared = interfaceHeader.flatMap { request.headers[$0] }
        return ControlActor.name(interfaceHeader: declared, peerUID: context.peer?.uid)
    }
}
