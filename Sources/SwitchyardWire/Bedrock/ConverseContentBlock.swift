import SwitchyardJSON

/// One Converse content block: an object with exactly one member naming its kind (`{"text":…}`,
/// `{"image":{…}}`, `{"toolUse":{…}}`, `{"toolResult":{…}}`, `{"json":…}` inside tool results); others are kept.
public enum ConverseContentBlock: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// `{"text": …}`.
    case text(String)
    /// `{"image": {"format": "png", "source": {"bytes": base64}}}`.
    case image(format: String, bytes: String)
    /// `{"toolUse": {"toolUseId", "name", "input"}}`.
    case toolUse(ConverseToolUse)
    /// `{"toolResult": {"toolUseId", "content", "status"?}}`.
    case toolResult(ConverseToolResult)
    /// `{"json": …}`, a tool result's structured content.
    case json(JSONValue)
    /// Any other block (`reasoningContent`, `document`, `guardContent`, …), kept as sent.
    case other(JSONValue)

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        if let text = c.members["text"] {
            self = .text(try String(wire: text))
        } else if let image = c.members["image"] {
            let i = try WireObject(image)
            let source = try WireObject(try i.value("source", as: JSONValue.self))
            self = .image(format: try i.value("format"), bytes: try source.value("bytes"))
        } else if c.members["toolUse"] != nil {
            self = .toolUse(try c.value("toolUse"))
        } else if c.members["toolResult"] != nil {
            self = .toolResult(try c.value("toolResult"))
        } else if let value = c.members["json"] {
            self = .json(value)
        } else {
            self = .other(json)
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .text(let text):
            w.beginObject()
            w.put(text, "text")
            w.endObject()
        case .image(let format, let bytes):
            let value: JSONValue = ["image": ["format": .string(format), "source": ["bytes": .string(bytes)]]]
            value.writeWire(to: &w)
        case .toolUse(let use):
            w.beginObject()
            w.put(use, "toolUse")
            w.endObject()
        case .toolResult(let result):
            w.beginObject()
            w.put(result, "toolResult")
            w.endObject()
        case .json(let value):
            w.beginObject()
            w.put(value, "json")
            w.endObject()
        case .other(let value):
            value.writeWire(to: &w)
        }
    }

    /// The block's text, for text blocks.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

/// A tool call the model made: `{"toolUseId","name","input"}`.
public struct ConverseToolUse: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `toolUseId` member.
    public var toolUseID: String
    /// The `name` member.
    public var name: String
    /// The arguments, a JSON object.
    public var input: JSONValue

    /// Creates a value from its members.
    public init(toolUseID: String, name: String, input: JSONValue) {
        self.toolUseID = toolUseID
        self.name = name
        self.input = input
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        toolUseID = try c.value("toolUseId")
        name = try c.value("name")
        input = try c.optional("input") ?? .object([:])
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(toolUseID, "toolUseId")
        w.put(name, "name")
        w.put(input, "input")
        w.endObject()
    }
}

/// The answer to a tool call: `{"toolUseId","content":[blocks],"status":"success"|"error"}`.
public struct ConverseToolResult: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `toolUseId` member.
    public var toolUseID: String
    /// Text, JSON or image blocks.
    public var content: [ConverseContentBlock]
    /// `error` when the tool failed.
    public var status: String?

    /// Creates a value from its members.
    public init(toolUseID: String, content: [ConverseContentBlock], status: String? = nil) {
        self.toolUseID = toolUseID
        self.content = content
        self.status = status
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        toolUseID = try c.value("toolUseId")
        content = try c.optional("content") ?? []
        status = try c.optional("status")
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(toolUseID, "toolUseId")
        w.put(content, "content")
        w.putIfPresent(status, "status")
        w.endObject()
    }
}

/// One turn: `{"role":"user"|"assistant","content":[blocks]}`.
public struct ConverseMessage: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `role` member.
    public var role: String
    /// The `content` member.
    public var content: [ConverseContentBlock]

    /// Creates a value from its members.
    public init(role: String, content: [ConverseContentBlock]) {
        self.role = role
        self.content = content
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        role = try c.value("role")
        content = try c.value("content")
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(role, "role")
        w.put(content, "content")
        w.endObject()
    }
}
