import SwitchyardJSON
/// OpenAI error response body: `{"error":{"message","type","param","code"}}` (param and code always present).
public struct OpenAIErrorBody: Codable, WireDecodable, WireEncodable, Hashable, Sendable, Error {
    /// The `error` member.
    public var error: Detail

    /// The error object; `param` and `code` are sent as `null` when absent.
    public struct Detail: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
        /// The `message` member.
        public var message: String
        /// The `type` member.
        public var type: String
        /// The `param` member.
        public var param: String?
        /// The `code` member.
        public var code: String?

        /// Creates a value from its members.
        public init(message: String, type: String, param: String? = nil, code: String? = nil) {
            self.message = message
            self.type = type
            self.param = param
            self.code = code
        }

        public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

        /// Builds the value from a JSON tree.
        public init(wire json: JSONValue) throws {
            let c = try WireObject(json)
            message = try c.optional("message") ?? ""
            type = try c.optional("type") ?? ""
            param = try c.optional("param")
            // Some upstreams send numeric codes; keep them as text.
            switch try c.optional("code", as: JSONValue.self) {
            case .string(let s)?: code = s
            case .int(let i)?: code = String(i)
            default: code = nil
            }
        }

        public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

        /// Writes the value as JSON.
        public func writeWire(to w: inout JSONWriter) {
            w.beginObject()
            w.put(message, "message")
            w.put(type, "type")
            w.putNullable(param, "param")
            w.putNullable(code, "code")
            w.endObject()
        }
    }

    /// Creates a value from its members.
    public init(message: String, type: String, param: String? = nil, code: String? = nil) {
        self.error = Detail(message: message, type: type, param: param, code: code)
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        error = try c.value("error")
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(error, "error")
        w.endObject()
    }

    /// 400: the request is malformed or unsupported.
    public static func invalidRequest(_ message: String, param: String? = nil) -> OpenAIErrorBody {
        OpenAIErrorBody(message: message, type: "invalid_request_error", param: param)
    }

    /// 401: missing or unknown API key.
    public static func invalidAPIKey(_ message: String = "Incorrect API key provided.") -> OpenAIErrorBody {
        OpenAIErrorBody(message: message, type: "authentication_error", code: "invalid_api_key")
    }

    /// 403: the key may not use this model or route.
    public static func permissionDenied(_ message: String) -> OpenAIErrorBody {
        OpenAIErrorBody(message: message, type: "permission_error", code: "permission_denied")
    }

    /// 404: no such model.
    public static func modelNotFound(_ model: String) -> OpenAIErrorBody {
        OpenAIErrorBody(
            message: "The model `\(model)` does not exist or you do not have access to it.",
            type: "invalid_request_error", param: "model", code: "model_not_found")
    }

    /// 413: the body is larger than the gateway accepts.
    public static func requestTooLarge(_ message: String = "Request body too large.") -> OpenAIErrorBody {
        OpenAIErrorBody(message: message, type: "invalid_request_error", code: "request_too_large")
    }

    /// 429: rate limit or budget exhausted.
    public static func rateLimited(_ message: String) -> OpenAIErrorBody {
        OpenAIErrorBody(message: message, type: "rate_limit_error", code: "rate_limit_exceeded")
    }

    /// 500/502/503/504: the upstream (or the gateway) failed.
    public static func upstream(status: Int, message: String) -> OpenAIErrorBody {
        switch status {
        case 502: OpenAIErrorBody(message: message, type: "upstream_error", code: "bad_gateway")
        case 503: OpenAIErrorBody(message: message, type: "upstream_error", code: "service_unavailable")
        case 504: OpenAIErrorBody(message: message, type: "upstream_error", code: "gateway_timeout")
        default: OpenAIErrorBody(message: message, type: "server_error", code: "internal_error")
        }
    }

    /// The conventional body for an HTTP status.
    public static func forStatus(_ status: Int, message: String) -> OpenAIErrorBody {
        switch status {
        case 401: invalidAPIKey(message)
        case 403: permissionDenied(message)
        case 404: OpenAIErrorBody(message: message, type: "invalid_request_error", code: "model_not_found")
        case 413: requestTooLarge(message)
        case 429: rateLimited(message)
        case 500...599: upstream(status: status, message: message)
        default: invalidRequest(message)
        }
    }
}
