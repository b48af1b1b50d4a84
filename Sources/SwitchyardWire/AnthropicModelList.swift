import SwitchyardJSON
/// Anthropic's `GET /v1/models` answer: `{"data":[…],"has_more":false,"first_id":…,"last_id":…}`.
public struct AnthropicModelList: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `data` member.
    public var data: [AnthropicModel]
    /// The `has_more` member (the gateway lists every model at once).
    public var hasMore: Bool

    /// Creates a value from its members.
    public init(data: [AnthropicModel], hasMore: Bool = false) {
        self.data = data
        self.hasMore = hasMore
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        data = try c.value("data")
        hasMore = try c.optional("has_more") ?? false
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(data, "data")
        w.put(hasMore, "has_more")
        w.putNullable(data.first?.id, "first_id")
        w.putNullable(data.last?.id, "last_id")
        w.endObject()
    }
}

/// One model as Anthropic describes it: `{"type":"model","id","display_name","created_at"}`.
public struct AnthropicModel: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `id` member.
    public var id: String
    /// The `display_name` member.
    public var displayName: String
    /// RFC 3339 time, the `created_at` member.
    public var createdAt: String

    /// Creates a value from its members.
    public init(id: String, displayName: String, createdAt: String) {
        self.id = id
        self.displayName = displayName
        self.createdAt = createdAt
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        id = try c.value("id")
        displayName = try c.optional("display_name") ?? id
        createdAt = try c.optional("created_at") ?? ""
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put("model", "type")
        w.put(id, "id")
        w.put(displayName, "display_name")
        w.put(createdAt, "created_at")
        w.endObject()
    }
}
