import SwitchyardJSON
/// Anthropic error body: `{"type":"error","error":{"type","message"}}`; also the `error` stream event.
public struct AnthropicErrorBody: Codable, WireDecodable, WireEncodable, Hashable, Sendable, Error {
    /// Always `"error"`.
    public var type: String
    /// The `error` member.
    public var error: Detail

    /// The error object.
    public struct Detail: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
        /// `invalid_request_error`, `authentication_error`, `permission_error`, `not_found_error`,
        /// `request_too_large`, `rate_limit_error`, `api_error` or `overloaded_error`.
        public var type: String
        /// The `message` member.
        public var message: String

        /// Creates a value from its members.
        public init(type: String, message: String) {
            self.type = type
            self.message = message
        }

        public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

        /// Builds the value from a JSON tree.
        public init(wire json: JSONValue) throws {
            let c = try WireObject(json)
            type = try c.optional("type") ?? "api_error"
            message = try c.optional("message") ?? ""
        }

        public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

        /// Writes the value as JSON.
        public func writeWire(to w: inout JSONWriter) {
            w.beginObject()
            w.put(type, "type")
            w.put(message, "message")
            w.endObject()
        }
    }

    /// Creates a value from its members.
    public init(type: String, message: String) {
        self.type = "error"
        self.error = Detail(type: type, message: message)
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        type = try c.optional("type") ?? "error"
        error = try c.value("error")
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(type, "type")
        w.put(error, "error")
        w.endObject()
    }

    /// 400.
    public static func invalidRequest(_ message: String) -> AnthropicErrorBody {
        AnthropicErrorBody(type: "invalid_request_error", message: message)
    }

    /// 401.
    public static func authentication(_ message: String = "invalid x-api-key") -> AnthropicErrorBody {
        AnthropicErrorBody(type: "authentication_error", message: message)
    }

    /// 403.
    public static func permission(_ message: String) -> AnthropicErrorBody {
        AnthropicErrorBody(type: "permission_error", message: message)
    }

    /// 404.
    public static func notFound(_ message: String) -> AnthropicErrorBody {
        AnthropicErrorBody(type: "not_found_error", message: message)
    }

    /// 413.
    public static func requestTooLarge(_ message: String = "Request exceeds the maximum allowed number of bytes.")
        -> AnthropicErrorBody
    {
        AnthropicErrorBody(type: "request_too_large", message: message)
    }

    /// 429.
    public static func rateLimited(_ message: String) -> AnthropicErrorBody {
        AnthropicErrorBody(type: "rate_limit_error", message: message)
    }

    /// 500 (and other upstream failures).
    public static func api(_ message: String = "Internal server error") -> AnthropicErrorBody {
        AnthropicErrorBody(type: "api_error", message: message)
    }

    /// 529 (also used for 503).
    public static func overloaded(_ message: String = "Overloaded") -> AnthropicErrorBody {
        AnthropicErrorBody(type: "overloaded_error", message: message)
    }

    /// The conventional body for an HTTP status.
    public static func forStatus(_ status: Int, message: String) -> AnthropicErrorBody {
        switch status {
        case 401: authentication(message)
        case 403: permission(message)
        case 404: notFound(message)
        case 413: requestTooLarge(message)
        case 429: rateLimited(message)
        case 503, 529: overloaded(message)
        case 500...599: api(message)
        default: invalidRequest(message)
        }
    }

    /// The HTTP status the API uses for an error type (529 for `overloaded_error`).
    public static func status(forErrorType type: String) -> Int {
        switch type {
        case "invalid_request_error": 400
        case "authentication_error": 401
        case "permission_error": 403
        case "not_found_error": 404
        case "request_too_large": 413
        case "rate_limit_error": 429
        case "overloaded_error": 529
        default: 500
        }
    }
}
