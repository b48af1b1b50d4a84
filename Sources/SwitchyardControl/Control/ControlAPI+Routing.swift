import Foundation
import Hummingbird
import SwitchyardControlAPI
import SwitchyardCore
import SwitchyardJSON
import SwitchyardWire

/// `POST /v1/route/explain`: where a request body sent to a task-routed model would go and why, without calling an
/// upstream. Query: `format=openai|anthropic` (the body's wire format, default openai), `team`, `task` (as the
/// `x-switchyard-task` header would name it), `key` (route as that virtual key: its team and metadata).
extension ControlAPI {
    /// Request bodies as large as the data plane takes: long documents are what `long_context` is about.
    static let maxExplainBodyBytes = 4 * 1024 * 1024

    func addRoutingRoutes(to router: Router<ControlContext>) {
        router.post(RouterPath(ControlPath.routeExplain)) { request, _ in try await self.explainRoute(request) }
    }

    private func explainRoute(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let format = query.get("format")?.lowercased() ?? "openai"
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maxExplainBodyBytes)
        } catch {
            throw ControlFailure(.contentTooLarge, "request body exceeds \(Self.maxExplainBodyBytes) bytes")
        }
        let data = Data(buffer.readableBytesView)
        let payload: ClientRequest
        let model: String
        do {
            switch format {
            case "openai":
                let body = try WireCoding.decode(ChatCompletionRequest.self, from: data)
                (payload, model) = (.chat(body), body.model)
            case "anthropic":
                let body = try WireCoding.decode(MessagesRequest.self, from: data)
                (payload, model) = (.messages(body), body.model)
            default:
                throw ControlFailure(.badRequest, "format must be openai or anthropic, got '\(format)'")
            }
        } catch let failure as ControlFailure {
            throw failure
        } catch {
            throw ControlFailure(.badRequest, "not a \(format) request body: \(error)")
        }
        var team = query.get("team").flatMap { $0.isEmpty ? nil : $0 }
        let task = query.get("task").flatMap { $0.isEmpty ? nil : $0 }
        var metadata: [String: String] = [:]
        if let keyName = query.get("key").flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let record = governance?.service.governor.keys().first(where: { $0.name == keyName }) else {
                throw ControlFailure(.notFound, "no key named '\(keyName)'")
            }
            team = team ?? record.team
            metadata = record.metadata
        }
        guard let route = engine.explainTaskRoute(model: model, payload: payload, team: team, declaredTask: task,
                                                  keyMetadata: metadata) else {
            let models = engine.catalog.taskRouting.models.map(\.name)
            let known = models.isEmpty ? "this gateway has none" : "task models: \(models.joined(separator: ", "))"
            throw ControlFailure(.badRequest, "model '\(model)' is not routed by task; \(known)")
        }
        return try json(RouteExplanation(route))
    }
}
