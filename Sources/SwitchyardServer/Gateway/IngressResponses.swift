import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardCore
import SwitchyardWire

/// Builds HTTP responses in the client's wire format: JSON bodies, errors with the shapes SDKs parse.
enum IngressResponses {
    static func json(_ data: Data, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    static func encodable<T: Encodable>(_ value: T, headers: HTTPFields = [:]) -> Response {
        guard let data = try? WireCoding.encode(value) else {
            return error(.openAI, status: 500, message: "cannot encode the response", headers: headers)
        }
        return json(data, headers: headers)
    }

    /// An error in the client's format: OpenAI `{"error":{…}}` or Anthropic `{"type":"error",…}`.
    static func error(
        _ format: WireFormat, status: Int, message: String, retryAfter: Double? = nil, param: String? = nil,
        code: String? = nil, headers: HTTPFields = [:]
    ) -> Response {
        var fields = headers
        if let retryAfter { fields[.retryAfter] = String(Int(saturating: max(0, retryAfter).rounded(.up))) }
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
        }
        return json(data ?? Data(#"{"error":{"message":"internal error"}}"#.utf8),
                    status: HTTPResponse.Status(code: status), headers: fields)
    }

    static func error(_ format: WireFormat, _ e: GatewayError, headers: HTTPFields) -> Response {
        var fields = headers
        if let limits = e.rateLimit { fields.addRateLimit(limits) }
        if e.status == 401 { fields[.wwwAuthenticate] = "Bearer" }
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
        }
    }
}

extension HTTPFields {
    /// OpenAI's `x-ratelimit-*` headers, for the limits that apply.
    mutating func addRateLimit(_ status: RateLimitStatus) {
        func seconds(_ value: Double) -> String { String(format: "%.3gs", Swift.max(0, value)) }
        if let limit = status.limitRequests { self[.rateLimitLimitRequests] = String(limit) }
        if let remaining = status.remainingRequests { self[.rateLimitRemainingRequests] = String(Swift.max(0, remaining)) }
        if let reset = status.resetRequests { self[.rateLimitResetRequests] = seconds(reset) }
        if let limit = status.limitTokens { self[.rateLimitLimitTokens] = String(limit) }
        if let remaining = status.remainingTokens { self[.rateLimitRemainingTokens] = String(Swift.max(0, remaining)) }
        if let reset = status.resetTokens { self[.rateLimitResetTokens] = seconds(reset) }
    }
}

extension HTTPField.Name {
    static let requestID = Self("x-request-id")!
    static let apiKey = Self("x-api-key")!
    static let traceparent = Self("traceparent")!
    static let traceID = Self("x-switchyard-trace-id")!
    static let cost = Self("x-switchyard-cost")!
    static let downgradedFrom = Self("x-switchyard-downgraded-from")!
    static let rateLimitLimitRequests = Self("x-ratelimit-limit-requests")!
    static let rateLimitRemainingRequests = Self("x-ratelimit-remaining-requests")!
    static let rateLimitResetRequests = Self("x-ratelimit-reset-requests")!
    static let rateLimitLimitTokens = Self("x-ratelimit-limit-tokens")!
    static let rateLimitRemainingTokens = Self("x-ratelimit-remaining-tokens")!
    static let rateLimitResetTokens = Self("x-ratelimit-reset-tokens")!
    static let servedBy = Self("x-switchyard-deployment")!
    static let servedModel = Self("x-switchyard-model")!
    static let attempts = Self("x-switchyard-attempts")!
}
