import Foundation
import NIOCore
import NIOHTTP1
import SwitchyardCore
import SwitchyardHTTP
import SwitchyardJSON
import SwitchyardWire

/// Anthropic's `POST /v1/messages/count_tokens`, on the deployment's endpoint with its key.
extension HTTPUpstreamTransport: TokenCountingTransport {
    /// A count is quick or not worth waiting for: the client can do with the estimate.
    static let tokenCountTimeout = 5.0

    public func countTokens(
        _ request: CountTokensRequest, deployment: DeploymentSpec, requestID: String
    ) async -> Result<Int, UpstreamFailure> {
        let (found, _) = routes.withLock { $0.route(for: deployment) }
        guard let endpoint = found, endpoint.format == .anthropic, !endpoint.isBedrock, let target = endpoint.target else {
            return .failure(UpstreamFailure(errorClass: .other, message: "\(deployment.id) does not count tokens"))
        }
        do {
            let body = try Self.countBody(request, upstreamModel: deployment.upstreamModel)
            var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: endpoint.tokenCountPath,
                                       headers: endpoint.headers(requestID: requestID))
            head.headers.add(name: "content-length", value: String(body.count))
            let deadline = NIODeadline.now() + .duration(seconds: Self.tokenCountTimeout)
            let response = try await client.execute(
                head, body: ByteBuffer(data: body), to: target, connectTimeout: endpoint.connectTimeout,
                headDeadline: deadline, finishDeadline: deadline)
            let bytes = try await response.collect(upTo: 64 * 1024)
            guard response.status == .ok else {
                return .failure(UpstreamFailureClassifier.failure(
                    status: Int(response.status.code), headers: response.headers, body: bytes, provider: endpoint.name))
            }
            guard case .object(let answer) = try JSONParser.parse(Array(bytes.readableBytesView)),
                  let tokens = answer["input_tokens"]?.intValue, tokens >= 0 else {
                return .failure(UpstreamFailure(errorClass: .other, message: "\(endpoint.name) answered no input_tokens"))
            }
            return .success(tokens)
        } catch let failure as UpstreamFailure {
            return .failure(failure)
        } catch {
            return .failure(UpstreamFailure(errorClass: .connect, message: "\(endpoint.name): \(error)"))
        }
    }

    /// The request as Anthropic's counting endpoint takes it: the prompt's fields only (it refuses `max_tokens`,
    /// `stream` and sampling settings), addressed to the upstream model.
    static func countBody(_ request: CountTokensRequest, upstreamModel: String) throws -> Data {
        var messages = request.request
        messages.model = upstreamModel
        guard case .object(let all) = try JSONParser.parse(Array(try WireCoding.encode(messages))) else {
            throw UpstreamFailure(errorClass: .other, message: "cannot write the count request")
        }
        var kept = JSONObject()
        for key in ["model", "messages", "system", "tools", "tool_choice", "thinking"] {
            if let value = all[key] { kept[key] = value }
        }
        return try WireCoding.encode(JSONValue.object(kept))
    }
}
