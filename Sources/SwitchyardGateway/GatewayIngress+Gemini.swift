import Foundation
import NIOHTTP1
import SwitchyardCore
import SwitchyardHTTP
import SwitchyardWire

/// Google's Gemini API on the ingress: `generateContent` and `streamGenerateContent?alt=sse` served through the
/// engine like every other operation (keys, permissions, budgets, rate limits, ledger, traces, metrics), and
/// the model list and lookup in Google's shape. Errors are Google's `{"error":{"code","message","status"}}`.
extension GatewayIngress {
    func serveGemini(_ route: GeminiRoute, _ request: ServerRequest) async -> ServerResponse {
        switch route {
        case .generate(let model, let stream):
            guard request.method == .POST else { return Self.methodNotAllowed(request, allow: "POST") }
            if stream, !GeminiRoute.wantsSSE(request) {
                return IngressResponses.error(
                    .gemini, status: 400,
                    message: "streamGenerateContent is served as server-sent events only: add ?alt=sse",
                    headers: Self.idHeader(Self.requestID(request)))
            }
            return await self.route(GeminiGenerateCall.self, request) { $0.address(model: model, stream: stream) }
        case .unsupported(_, let method):
            return IngressResponses.error(
                .gemini, status: 404,
                message: "method '\(method)' is not served by this gateway (generateContent and streamGenerateContent are)",
                headers: Self.idHeader(Self.requestID(request)))
        case .list:
            guard request.method == .GET else { return Self.methodNotAllowed(request, allow: "GET") }
            let list = GeminiModelList(models: modelNames.map { GeminiModel(id: $0) })
            return IngressResponses.encodable(list, headers: Self.idHeader(Self.requestID(request)))
        case .model(let id):
            guard request.method == .GET else { return Self.methodNotAllowed(request, allow: "GET") }
            let headers = Self.idHeader(Self.requestID(request))
            guard modelNames.contains(id) else {
                return IngressResponses.error(.gemini, GatewayError.unknownModel(id, available: modelNames), headers: headers)
            }
            return IngressResponses.encodable(GeminiModel(id: id), headers: headers)
        }
    }
}
