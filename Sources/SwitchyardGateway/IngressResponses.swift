import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import SwitchyardCore
import SwitchyardHTTP
import SwitchyardJSON
import SwitchyardWire

/// Builds HTTP responses in the client's wire format: JSON bodies, errors with the shapes SDKs parse.
enum IngressResponses {
    static func json(_ data: Data, status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:]) -> ServerResponse {
        var fields = headers
        fields.replaceOrAdd(name: "content-type", value: "application/json")
        return ServerResponse(status: status, headers: fields, body: .bytes(ByteBuffer(data: data)))
    }

    /// A whole server-sent event stream written at once (a stream held back until its answer was checked).
    static func eventStream(_ data: Data, headers: HTTPHeaders = [:]) -> ServerResponse {
        var fields = headers
        fields.replaceOrAdd(name: "content-type", value: "text/event-stream")
        fields.replaceOrAdd(name: "cache-control", value: "no-cache")
        return ServerResponse(status: .ok, headers: fields, body: .bytes(ByteBuffer(data: data)))
    }

    static func encodable<T: Encodable>(_ value: T, headers: HTTPHeaders = [:]) -> ServerResponse {
        guard let data = try? WireCoding.encode(value) else {
            return error(.openAI, status: 500, message: "cannot encode the response", headers: headers)
        }
        return json(data, headers: headers)
    }

    /// An error in the client's format: OpenAI `{"error":{…}}`, Anthropic `{"type":"error",…}` or Google
    /// `{"error":{"code","message","status"}}`.
    static func error(
        _ format: WireFormat, status: Int, message: String, retryAfter: Double? = nil, param: String? = nil,
        code: String? = nil, headers: HTTPHeaders = [:]
    ) -> ServerResponse {
        var fields = headers
        if let retryAfter {
            fields.replaceOrAdd(name: "retry-after", value: String(Int(saturating: max(0, retryAfter).rounded(.up))))
        }
        let data: Data?
        switch format {
        case .openAI:
            var body = OpenAIErrorBody.forStatus(status, message: message)
            if let param { body.error.param = param }
            if let code { body.error.code = code }
            // OpenAI reports an exhausted quota as a 429 of this type; SDKs and dashboards key on it.
            if code == "budget_exceeded" { body.error.type = "insufficient_quota" }
            data = try? WireCoding.encode(body)
        case .anthropic:
            data = try? WireCoding.encode(AnthropicErrorBody.forStatus(status, message: message))
        case .gemini:
            data = try? WireCoding.encode(geminiError(status: status, message: message, code: code, retryAfter: retryAfter))
        }
        return json(data ?? Data(#"{"error":{"message":"internal error"}}"#.utf8),
                    status: HTTPResponseStatus(statusCode: status), headers: fields)
    }

    static func error(_ format: WireFormat, _ e: GatewayError, headers: HTTPHeaders) -> ServerResponse {
        var fields = headers
        if let limits = e.rateLimit { fields.addRateLimit(limits) }
        if e.status == 401 { fields.replaceOrAdd(name: "www-authenticate", value: "Bearer") }
        return error(format, status: e.status, message: e.message, retryAfter: e.retryAfter, code: e.code,
                     headers: fields)
    }

    /// An SSE frame telling the client its stream failed after it began.
    static func streamErrorFrame(_ format: WireFormat, message: String) -> Data {
        switch format {
        case .openAI:
            let body = OpenAIErrorBody(message: message, type: "server_error", code: "upstream_stream_error")
            return (try? SSEEncoder.openAI(body)) ?? Data("data: {\"error\":{\"message\":\"stream failed\"}}\n\n".utf8)
        case .anthropic:
            let event = AnthropicStreamEvent.error(.init(type: "api_error", message: message))
            return (try? SSEEncoder.anthropic(event)) ?? Data("event: error\ndata: {}\n\n".utf8)
        case .gemini:
            return GeminiFrameTranslator(model: "").failure(message: message)[0]
        }
    }
}

extension HTTPHeaders {
    /// OpenAI's `x-ratelimit-*` headers, for the limits that apply (replacing any already set).
    mutating func addRateLimit(_ status: RateLimitStatus) {
        func seconds(_ value: Double) -> String { String(format: "%.3gs", Swift.max(0, value)) }
        let values: [(String, String?)] = [
            (IngressHeader.rateLimitLimitRequests, status.limitRequests.map { String($0) }),
            (IngressHeader.rateLimitRemainingRequests, status.remainingRequests.map { String(Swift.max(0, $0)) }),
            (IngressHeader.rateLimitResetRequests, status.resetRequests.map(seconds)),
            (IngressHeader.rateLimitLimitTokens, status.limitTokens.map { String($0) }),
            (IngressHeader.rateLimitRemainingTokens, status.remainingTokens.map { String(Swift.max(0, $0)) }),
            (IngressHeader.rateLimitResetTokens, status.resetTokens.map(seconds)),
        ]
        for case let (name, value?) in values { replaceOrAdd(name: name, value: value) }
    }
}

/// The names of the headers the ingress reads and writes.
enum IngressHeader {
    static let requestID = "x-request-id"
    static let apiKey = "x-api-key"
    static let authorization = "authorization"
    static let traceparent = "traceparent"
    static let tracestate = "tracestate"
    static let traceID = "x-switchyard-trace-id"
    static let cost = "x-switchyard-cost"
    static let downgradedFrom = "x-switchyard-downgraded-from"
    static let rateLimitLimitRequests = "x-ratelimit-limit-requests"
    static let rateLimitRemainingRequests = "x-ratelimit-remaining-requests"
    static let rateLimitResetRequests = "x-ratelimit-reset-requests"
    static let rateLimitLimitTokens = "x-ratelimit-limit-tokens"
    static let rateLimitRemainingTokens = "x-ratelimit-remaining-tokens"
    static let rateLimitResetTokens = "x-ratelimit-reset-tokens"
    static let servedBy = "x-switchyard-deployment"
    static let servedModel = "x-switchyard-model"
    static let attempts = "x-switchyard-attempts"
    static let budgetClamp = "x-switchyard-budget-clamp"
    static let tokenCount = "x-switchyard-token-count"
    /// Sent by a client to name its request's task; answered with the task a task-routed model decided.
    static let task = "x-switchyard-task"
    /// The group whose answer failed a task model's checks, when a stronger one answered instead.
    static let escalatedFrom = "x-switchyard-escalated-from"

    /// `max_tokens=312; requested=4096; budget="team team-a daily $10.00"`: what a `clamp` budget did.
    static func describe(_ clamp: TokenClamp) -> String {
        let budget = clamp.budget.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        return "max_tokens=\(clamp.maxOutputTokens); requested=\(clamp.requested); budget=\"\(budget)\""
    }
}
