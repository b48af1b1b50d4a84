import SwitchyardJSON
import SwitchyardWire

/// An API request as the simulator received it, so tests can check what a gateway actually sent upstream.
public struct SimulatorRecordedRequest: Sendable, Hashable, Encodable {
    /// HTTP method, e.g. `POST`.
    public var method: String
    /// Path with query, e.g. `/v1/messages`.
    public var path: String
    /// Headers by lowercased name; repeated headers are joined with ", ".
    public var headers: [String: String]
    /// The body as received.
    public var body: String

    /// Creates a record.
    public init(method: String, path: String, headers: [String: String], body: String) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    /// The body parsed as JSON; nil when it is not JSON.
    public var json: JSONValue? {
        JSONValue(parsing: body)
    }

    /// Encodes the body as JSON when it parses, as a string otherwise.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(method, forKey: .method)
        try c.encode(path, forKey: .path)
        try c.encode(headers, forKey: .headers)
        if let json {
            try c.encode(json, forKey: .body)
        } else {
            try c.encode(body, forKey: .body)
        }
    }

    enum CodingKeys: String, CodingKey {
        case method, path, headers, body
    }
}
