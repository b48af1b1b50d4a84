import SwitchyardJSON

/// Google's `GET /v1beta/models` answer: `{"models":[…]}` (the gateway lists every model at once, so no
/// `nextPageToken`).
public struct GeminiModelList: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `models` member.
    public var models: [GeminiModel]

    /// Creates a value from its members.
    public init(models: [GeminiModel]) {
        self.models = models
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        models = try c.optional("models") ?? []
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(models, "models")
        w.endObject()
    }
}

/// One model as Google describes it: `{"name":"models/…","displayName","supportedGenerationMethods",…}`.
public struct GeminiModel: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The resource name, `models/{id}`.
    public var name: String
    /// The `displayName` member.
    public var displayName: String
    /// The `description` member.
    public var description: String?
    /// The `version` member.
    public var version: String?
    /// What the model can be asked (`generateContent`, `streamGenerateContent`, …).
    public var supportedGenerationMethods: [String]

    /// A model named `id` (`models/` is put before it) that serves `methods`.
    public init(
        id: String, displayName: String? = nil, description: String? = nil, version: String? = nil,
        supportedGenerationMethods methods: [String] = GeminiModel.generationMethods
    ) {
        name = id.hasPrefix("models/") ? id : "models/" + id
        self.displayName = displayName ?? id
        self.description = description
        self.version = version
        supportedGenerationMethods = methods
    }

    /// The methods the gateway serves for every model.
    public static let generationMethods = ["generateContent", "streamGenerateContent"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        name = try c.value("name")
        displayName = try c.optional("displayName") ?? name
        description = try c.optional("description")
        version = try c.optional("version")
        supportedGenerationMethods = try c.optional("supportedGenerationMethods") ?? []
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(name, "name")
        w.putIfPresent(version, "version")
        w.put(displayName, "displayName")
        w.putIfPresent(description, "description")
        w.put(supportedGenerationMethods, "supportedGenerationMethods")
        w.endObject()
    }
}
