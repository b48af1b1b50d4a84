import SwitchyardJSON
/// `GET /v1/models` response body: `{"object":"list","data":[…]}`.
public struct ModelList: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `object` member.
    public var object: String
    /// The `data` member.
    public var data: [Model]

    /// One model: `{"id","object":"model","created","owned_by"}`.
    public struct Model: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
        /// The `id` member.
        public var id: String
        /// The `object` member.
        public var object: String
        /// Unix seconds.
        public var created: Int
        /// The `owned_by` member.
        public var ownedBy: String

        /// Creates a value from its members.
        public init(id: String, object: String = "model", created: Int, ownedBy: String) {
            self.id = id
            self.object = object
            self.created = created
            self.ownedBy = ownedBy
        }

        public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

        /// Builds the value from a JSON tree.
        public init(wire json: JSONValue) throws {
            let c = try WireObject(json)
            id = try c.value("id")
            object = try c.optional("object") ?? "model"
            created = try c.optional("created") ?? 0
            ownedBy = try c.optional("owned_by") ?? ""
        }

        public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

        /// Writes the value as JSON.
        public func writeWire(to w: inout JSONWriter) {
            w.beginObject()
            w.put(id, "id")
            w.put(object, "object")
            w.put(created, "created")
            w.put(ownedBy, "owned_by")
            w.endObject()
        }
    }

    /// Creates a value from its members.
    public init(object: String = "list", data: [Model]) {
        self.object = object
        self.data = data
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        object = try c.optional("object") ?? "list"
        data = try c.value("data")
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(object, "object")
        w.put(data, "data")
        w.endObject()
    }
}
