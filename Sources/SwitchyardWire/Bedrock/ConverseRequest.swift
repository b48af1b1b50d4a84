import SwitchyardJSON

/// Bedrock's `POST /model/{modelId}/converse` (and `converse-stream`) body. The model is named in the path.
public struct ConverseRequest: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `messages` member.
    public var messages: [ConverseMessage]
    /// Text blocks of the system prompt.
    public var system: [ConverseContentBlock]?
    /// The `inferenceConfig` member.
    public var inferenceConfig: ConverseInferenceConfig?
    /// The `toolConfig` member.
    public var toolConfig: ConverseToolConfig?
    /// Model-specific fields Converse does not model (`top_k`), passed to the model as they are.
    public var additionalModelRequestFields: JSONValue?
    /// Every member not modelled above (`guardrailConfig`, `performanceConfig`, …), written back unchanged.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(
        messages: [ConverseMessage], system: [ConverseContentBlock]? = nil,
        inferenceConfig: ConverseInferenceConfig? = nil, toolConfig: ConverseToolConfig? = nil,
        additionalModelRequestFields: JSONValue? = nil, extra: [String: JSONValue] = [:]
    ) {
        self.messages = messages
        self.system = system
        self.inferenceConfig = inferenceConfig
        self.toolConfig = toolConfig
        self.additionalModelRequestFields = additionalModelRequestFields
        self.extra = extra
    }

    static let known: Set<String> = ["messages", "system", "inferenceConfig", "toolConfig", "additionalModelRequestFields"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        messages = try c.value("messages")
        system = try c.optional("system")
        inferenceConfig = try c.optional("inferenceConfig")
        toolConfig = try c.optional("toolConfig")
        additionalModelRequestFields = try c.optional("additionalModelRequestFields")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(messages, "messages")
        w.putIfPresent(system, "system")
        w.putIfPresent(inferenceConfig, "inferenceConfig")
        w.putIfPresent(toolConfig, "toolConfig")
        w.putIfPresent(additionalModelRequestFields, "additionalModelRequestFields")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// `{"maxTokens","temperature","topP","stopSequences"}`, every member optional.
public struct ConverseInferenceConfig: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `maxTokens` member.
    public var maxTokens: Int?
    /// The `temperature` member.
    public var temperature: Double?
    /// The `topP` member.
    public var topP: Double?
    /// The `stopSequences` member.
    public var stopSequences: [String]?

    /// Creates a value from its members.
    public init(maxTokens: Int? = nil, temperature: Double? = nil, topP: Double? = nil, stopSequences: [String]? = nil) {
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topP = topP
        self.stopSequences = stopSequences
    }

    /// Whether no member is set (the request then leaves `inferenceConfig` out).
    public var isEmpty: Bool { maxTokens == nil && temperature == nil && topP == nil && stopSequences == nil }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        maxTokens = try c.optional("maxTokens")
        temperature = try c.optional("temperature")
        topP = try c.optional("topP")
        stopSequences = try c.optional("stopSequences")
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.putIfPresent(maxTokens, "maxTokens")
        w.putIfPresent(temperature, "temperature")
        w.putIfPresent(topP, "topP")
        w.putIfPresent(stopSequences, "stopSequences")
        w.endObject()
    }
}

/// `{"tools":[{"toolSpec":{…}}],"toolChoice":{"auto":{}}|{"any":{}}|{"tool":{"name":…}}}`.
public struct ConverseToolConfig: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The tools' specs.
    public var tools: [ConverseToolSpec]
    /// `auto`, `any` or `tool` (with `toolName`); nil leaves the model's default (auto).
    public var toolChoice: String?
    /// The tool a `tool` choice forces.
    public var toolName: String?

    /// Creates a value from its members.
    public init(tools: [ConverseToolSpec], toolChoice: String? = nil, toolName: String? = nil) {
        self.tools = tools
        self.toolChoice = toolChoice
        self.toolName = toolName
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        let wrapped: [JSONValue] = try c.value("tools")
        tools = try wrapped.map { try WireObject($0).value("toolSpec") }
        if let choice = try c.optional("toolChoice", as: JSONValue.self) {
            let object = try WireObject(choice)
            toolChoice = object.members.keys.first
            toolName = object.members["tool"]?["name"]?.stringValue
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.key("tools")
        w.beginArray()
        for tool in tools {
            w.beginObject()
            w.put(tool, "toolSpec")
            w.endObject()
        }
        w.endArray()
        if let toolChoice {
            let inner: JSONValue = toolChoice == "tool" ? ["name": .string(toolName ?? "")] : .object([:])
            w.put(JSONValue.object(JSONObject(members: [(toolChoice, inner)])), "toolChoice")
        }
        w.endObject()
    }
}

/// `{"name","description"?,"inputSchema":{"json":schema}}`.
public struct ConverseToolSpec: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `name` member.
    public var name: String
    /// The `description` member.
    public var description: String?
    /// The JSON Schema of the tool's input.
    public var schema: JSONValue

    /// Creates a value from its members.
    public init(name: String, description: String? = nil, schema: JSONValue) {
        self.name = name
        self.description = description
        self.schema = schema
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        name = try c.value("name")
        description = try c.optional("description")
        schema = try WireObject(try c.value("inputSchema", as: JSONValue.self)).value("json")
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(name, "name")
        w.putIfPresent(description, "description")
        w.put(JSONValue.object(["json": schema]), "inputSchema")
        w.endObject()
    }
}
