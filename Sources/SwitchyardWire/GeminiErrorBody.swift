import SwitchyardJSON

/// Google's error body: `{"error":{"code":404,"message":"…","status":"NOT_FOUND","details":[…]}}`, where
/// `status` is the canonical gRPC code the HTTP status stands for. `google-genai` raises it as `APIError` with
/// `code`, `status` and `message`; mid-stream it arrives as one `data:` event.
public struct GeminiErrorBody: Codable, WireDecodable, WireEncodable, Hashable, Sendable, Error {
    /// The `error` member.
    public var error: Detail

    /// The error object.
    public struct Detail: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
        /// The HTTP status.
        public var code: Int
        /// The `message` member.
        public var message: String
        /// The canonical code's name (`INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED`, …).
        public var status: String
        /// `google.rpc` detail objects (`ErrorInfo` with its `reason`, `RetryInfo` with its `retryDelay`, …).
        public var details: [JSONValue]?

        /// Creates a value from its members.
        public init(code: Int, message: String, status: String, details: [JSONValue]? = nil) {
            self.code = code
            self.message = message
            self.status = status
            self.details = details
        }

        public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

        /// Builds the value from a JSON tree.
        public init(wire json: JSONValue) throws {
            let c = try WireObject(json)
            code = try c.optional("code") ?? 0
            message = try c.optional("message") ?? ""
            status = try c.optional("status") ?? GeminiErrorBody.statusName(forHTTPStatus: code)
            details = try c.optional("details")
        }

        public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

        /// Writes the value as JSON.
        public func writeWire(to w: inout JSONWriter) {
            w.beginObject()
            w.put(code, "code")
            w.put(message, "message")
            w.put(status, "status")
            w.putIfPresent(details, "details")
            w.endObject()
        }

        /// The `reason` of the `ErrorInfo` detail (`API_KEY_INVALID`), when there is one.
        public var reason: String? {
            details?.lazy.compactMap { $0["reason"]?.stringValue }.first
        }

        /// The seconds a `RetryInfo` detail asks to wait (`"retryDelay":"37s"`), when there is one.
        public var retryDelay: Double? {
            guard let text = details?.lazy.compactMap({ $0["retryDelay"]?.stringValue }).first,
                  text.hasSuffix("s"), let seconds = Double(text.dropLast()), seconds >= 0, seconds.isFinite
            else { return nil }
            return seconds
        }
    }

    /// Creates a value from its members.
    public init(code: Int, message: String, status: String? = nil, details: [JSONValue]? = nil) {
        error = Detail(code: code, message: message, status: status ?? Self.statusName(forHTTPStatus: code),
                       details: details)
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree. Google sometimes wraps the body in a one-element array.
    public init(wire json: JSONValue) throws {
        var object = json
        if case .array(let items) = json, items.count == 1 { object = items[0] }
        let c = try WireObject(object)
        error = try c.value("error")
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(error, "error")
        w.endObject()
    }

    /// The error Google's API answers `status` with.
    public static func forStatus(_ status: Int, message: String) -> GeminiErrorBody {
        GeminiErrorBody(code: status, message: message)
    }

    /// The canonical code name Google's APIs send with an HTTP status.
    public static func statusName(forHTTPStatus status: Int) -> String {
        switch status {
        case 400, 411, 413, 422: "INVALID_ARGUMENT"
        case 401: "UNAUTHENTICATED"
        case 403: "PERMISSION_DENIED"
        case 404: "NOT_FOUND"
        case 405, 501: "UNIMPLEMENTED"
        case 408, 504: "DEADLINE_EXCEEDED"
        case 409: "ABORTED"
        case 412: "FAILED_PRECONDITION"
        case 429: "RESOURCE_EXHAUSTED"
        case 499: "CANCELLED"
        case 503, 529: "UNAVAILABLE"
        case 500...599: "INTERNAL"
        default: "UNKNOWN"
        }
    }

    /// The HTTP status Google's APIs use for a canonical code name (what a mid-stream error event stands for).
    public static func httpStatus(forStatusName name: String) -> Int? {
        switch name {
        case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE": 400
        case "UNAUTHENTICATED": 401
        case "PERMISSION_DENIED": 403
        case "NOT_FOUND": 404
        case "ABORTED", "ALREADY_EXISTS": 409
        case "RESOURCE_EXHAUSTED": 429
        case "CANCELLED": 499
        case "INTERNAL", "UNKNOWN", "DATA_LOSS": 500
        case "UNIMPLEMENTED": 501
        case "UNAVAILABLE": 503
        case "DEADLINE_EXCEEDED": 504
        default: nil
        }
    }
}
