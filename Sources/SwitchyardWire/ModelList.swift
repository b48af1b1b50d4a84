/// `GET /v1/models` response body: `{"object":"list","data":[…]}`.
public struct ModelList: Codable, Hashable, Sendable {
    public var object: String
    public var data: [Model]

    /// One model: `{"id","object":"model","created","owned_by"}`.
    public struct Model: Codable, Hashable, Sendable {
        public var id: String
        public var object: String
        /// Unix seconds.
        public var created: Int
        public var ownedBy: String

        public init(id: String, object: String = "model", created: Int, ownedBy: String) {
            self.id = id
            self.object = object
            self.created = created
            self.ownedBy = ownedBy
        }

        enum CodingKeys: String, CodingKey {
            case id, object, created
            case ownedBy = "owned_by"
        }
    }

    public init(object: String = "list", data: [Model]) {
        self.object = object
        self.data = data
    }
}
