import Foundation
import NIOCore
import NIOHTTP1
import SwitchyardCore
import SwitchyardGovernance
import SwitchyardHTTP
import SwitchyardJSON

/// `GET` and `DELETE /v1/responses/{id}`: a kept response, for the key that made it.
extension GatewayIngress {
    func storedResponse(_ request: ServerRequest) async -> ServerResponse {
        let requestID = Self.requestID(request)
        let headers = Self.idHeader(requestID)
        var trace = IngressTrace(engine: engine)
        let caller: Principal
        switch authenticate(request, format: .openAI, id: requestID, context: Self.trace(request), trace: &trace) {
        case .rejected(let response): return response
        case .accepted(let principal): caller = principal
        }
        let raw = request.path.dropFirst("/v1/responses/".count)
        let id = String(raw).removingPercentEncoding ?? String(raw)
        let missing = IngressResponses.error(.openAI, status: 404, message: "Response with id '\(id)' not found.",
                                             headers: headers)
        guard let responses else {
            return IngressResponses.error(
                .openAI, status: 404, message: "Response with id '\(id)' not found: this gateway does not keep "
                    + "responses (enable them with `responses: { store: true }` in its config)", headers: headers)
        }
        do {
            if request.method == .DELETE {
                guard try await responses.delete(id: id, key: caller.key) else { return missing }
                var w = JSONWriter()
                w.beginObject()
                w.put(id, "id")
                w.put("response", "object")
                w.put(true, "deleted")
                w.endObject()
                return IngressResponses.json(Data(w.bytes), headers: headers)
            }
            guard let body = try await responses.response(id: id, key: caller.key) else { return missing }
            return IngressResponses.json(Data(body.utf8), headers: headers)
        } catch {
            return IngressResponses.error(.openAI, status: 500, message: "cannot read stored responses: \(error)",
                                          headers: headers)
        }
    }
}
