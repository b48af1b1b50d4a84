import Foundation
import NIOCore
import NIOHTTP1
import SwitchyardCore
import SwitchyardJSON
import SwitchyardWire

/// Bedrock's Converse API: the request written as Converse, signed with SigV4, the answer (JSON or event stream)
/// read as Anthropic's so every client format is served by the existing translations.
enum BedrockExchange {
    /// The Converse body for `request`; a request Converse cannot carry is refused with the reason.
    static func body(for request: ClientRequest) throws(UpstreamFailure) -> Data {
        let converse: ConverseRequest
        do {
            switch request {
            case .chat(let r): converse = try ConverseRequest(translating: r)
            case .messages(let r): converse = try ConverseRequest(translating: r)
            case .embeddings:
                throw ConverseTranslationError("embeddings are not served by bedrock providers")
            }
        } catch let refused as ConverseTranslationError {
            throw UpstreamFailure(errorClass: .other, status: 400, message: refused.message)
        } catch {
            throw UpstreamFailure(errorClass: .other, status: 400, message: "\(error)")
        }
        do {
            return try WireCoding.encode(converse)
        } catch {
            throw UpstreamFailure(errorClass: .other, status: 400, message: "cannot encode the upstream request: \(error)")
        }
    }

    /// `/model/{modelId}/converse[-stream]`, the model id (an ARN has `:` and `/`) as one encoded segment.
    static func path(basePath: String, upstreamModel: String, streaming: Bool) -> String {
        basePath + "/model/" + PercentEncoding.component(upstreamModel) + (streaming ? "/converse-stream" : "/converse")
    }

    /// Adds the SigV4 headers for a call signed now.
    static func sign(_ headers: inout HTTPHeaders, uri: String, body: Data, signer: SigV4Signer) {
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let request = SigV4Signer.Request(
            method: "POST", path: String(parts.first ?? ""), query: parts.count > 1 ? String(parts[1]) : "",
            host: headers.first(name: "host") ?? "", body: Array(body))
        for (name, value) in signer.headers(for: request, date: Date()) { headers.replaceOrAdd(name: name, value: value) }
    }

    /// A complete Converse answer as an Anthropic message, handed to the reader every Anthropic answer goes through.
    static func read(
        _ data: Data, request: ClientRequest, estimatedInput: Int, provider: String, requestID: String, model: String
    ) -> Result<UpstreamSuccess, UpstreamFailure> {
        guard let converse = try? WireCoding.decode(ConverseResponse.self, from: data),
              let message = try? WireCoding.encode(
                  MessagesResponse(translating: converse, id: messageID(requestID), model: model)) else {
            return .failure(UpstreamFailure(errorClass: .server, message: "malformed response body from \(provider)"))
        }
        return UpstreamReplyReader.read(message, request: request, format: .anthropic, estimatedInput: estimatedInput,
                                        provider: provider)
    }

    /// The id the answer's message gets (Converse has none).
    static func messageID(_ requestID: String) -> String { "msg_" + requestID }

    /// A non-200 answer: classified by `x-amzn-ErrorType` (or the body's `__type`) first, then by status; the
    /// message comes from `{"message":…}`.
    static func failure(status: Int, headers: HTTPHeaders, body: ByteBuffer?, provider: String) -> UpstreamFailure {
        let json = body.flatMap { try? WireCoding.parse(Data($0.readableBytesView)) }
        let rawType = headers.first(name: "x-amzn-errortype") ?? json?["__type"]?.stringValue ?? ""
        // The header may carry a namespace after a colon, the body's `__type` one before a `#`.
        let type = String(rawType.split(separator: ":").first.map { $0.split(separator: "#").last ?? $0 } ?? "")
        let errorClass = errorClass(forType: type, status: status)
        if errorClass == .credential {
            // AWS messages can quote the access key id; only the type is kept.
            let shown = type.isEmpty || type.count > 64 ? "" : " (\(type))"
            return UpstreamFailure(errorClass: .credential, status: status,
                                   message: "credential rejected: \(provider) answered \(status)\(shown)")
        }
        let detail = json?["message"]?.stringValue ?? json?["Message"]?.stringValue
            ?? body.map { String(decoding: Data($0.readableBytesView).prefix(200), as: UTF8.self) } ?? ""
        let named = type.isEmpty ? "" : " \(type)"
        return UpstreamFailure(
            errorClass: errorClass, status: status, retryAfter: UpstreamFailureClassifier.retryAfter(headers),
            message: "\(provider) answered \(status)\(named)" + (detail.isEmpty ? "" : ": \(detail)"))
    }

    /// Bedrock's error types in the gateway's classes: throttling and quotas are rate limits; an unavailable,
    /// not-ready or failing model is the upstream's failure (retried, then the next deployment); refused
    /// credentials are the deployment's; a bad request or unknown model goes back to the client.
    static func errorClass(forType type: String, status: Int) -> ErrorClass {
        switch type.lowercased() {
        case "throttlingexception", "servicequotaexceededexception": .rateLimited
        case "serviceunavailableexception", "modelnotreadyexception", "internalserverexception",
             "modelerrorexception", "modelstreamerrorexception": .server
        case "modeltimeoutexception": .timeout
        case "accessdeniedexception", "unrecognizedclientexception", "invalidsignatureexception",
             "expiredtokenexception", "incompletesignatureexception", "missingauthenticationtokenexception": .credential
        case "validationexception", "resourcenotfoundexception": .other
        default: ErrorClass.classify(status: status)
        }
    }
}
