import SwitchyardJSON
/// One Anthropic content block (request or response).
public enum AnthropicContentBlock: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// `{"type":"text","text":…}` plus any other members (`cache_control`, `citations`).
    case text(String, extra: [String: JSONValue] = [:])
    /// `{"type":"image","source":{…}}`.
    case image(AnthropicImageSource, extra: [String: JSONValue] = [:])
    /// `{"type":"tool_use","id","name","input"}`.
    case toolUse(AnthropicToolUse)
    /// `{"type":"tool_result","tool_use_id","content","is_error"}`.
    case toolResult(AnthropicToolResult)
    /// Any other block type (`thinking`, `document`, …), kept verbatim.
    case other(JSONValue)

    /// The `type` discriminator.
    public var type: String {
        switch self {
        case .text: "text"
        case .image: "image"
        case .toolUse: "tool_use"
        case .toolResult: "tool_result"
        case .other(let v): v["type"]?.stringValue ?? ""
        }
    }

    /// The text of a text block; nil for other blocks.
    public var text: String? {
        if case .text(let t, _) = self { return t }
        return nil
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        let type: String = try c.value("type")
        switch type {
        case "text":
            self = .text(try c.value("text"), extra: c.extras(excluding: ["type", "text"]))
        case "image":
            self = .image(try c.value("source"), extra: c.extras(excluding: ["type", "source"]))
        case "tool_use":
            self = .toolUse(try AnthropicToolUse(wire: json))
        case "tool_result":
            self = .toolResult(try AnthropicToolResult(wire: json))
        default:
            self = .other(json)
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .text(let text, let extra):
            w.beginObject()
            w.put("text", "type")
            w.put(text, "text")
            w.putExtras(extra, excluding: ["type", "text"])
            w.endObject()
        case .image(let source, let extra):
            w.beginObject()
            w.put("image", "type")
            w.put(source, "source")
            w.putExtras(extra, excluding: ["type", "source"])
            w.endObject()
        case .toolUse(let t): t.writeWire(to: &w)
        case .toolResult(let t): t.writeWire(to: &w)
        case .other(let v): v.writeWire(to: &w)
        }
    }
}

/// An image source: `{"type":"base64","media_type","data"}` or `{"type":"url","url"}`.
public struct AnthropicImageSource: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `type` member.
    public var type: String
    /// The `media_type` member.
    public var mediaType: String?
    /// The `data` member.
    public var data: String?
    /// The `url` member.
    public var url: String?

    /// Creates a value from its members.
    public init(type: String, mediaType: String? = nil, data: String? = nil, url: String? = nil) {
        self.type = type
        self.mediaType = mediaType
        self.data = data
        self.url = url
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        type = try c.value("type")
        mediaType = try c.optional("media_type")
        data = try c.optional("data")
        url = try c.optional("url")
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(type, "type")
        w.putIfPresent(mediaType, "media_type")
        w.putIfPresent(data, "data")
        w.putIfPresent(url, "url")
        w.endObject()
    }

    /// Inline base64 image data.
    public static func base64(mediaType: String, data: String) -> AnthropicImageSource {
        AnthropicImageSource(type: "base64", mediaType: mediaType, data: data)
    }

    /// An image the API fetches by URL.
    public static func url(_ url: String) -> AnthropicImageSource {
        AnthropicImageSource(type: "url", url: url)
    }
}

/// A tool call the model made.
public struct AnthropicToolUse: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `id` member.
    public var id: String
    /// The `name` member.
    public var name: String
    /// The arguments object.
    public var input: JSONValue
    /// Members not modelled above (e.g. `cache_control`), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(id: String, name: String, input: JSONValue, extra: [String: JSONValue] = [:]) {
        self.id = id
        self.name = name
        self.input = input
        self.extra = extra
    }

    static let known: Set<String> = ["type", "id", "name", "input"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        id = try c.value("id")
        name = try c.value("name")
        input = try c.optional("input") ?? .object([:])
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put("tool_use", "type")
        w.put(id, "id")
        w.put(name, "name")
        w.put(input, "input")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// The result of a tool call, sent back in a user turn.
public struct AnthropicToolResult: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `tool_use_id` member.
    public var toolUseID: String
    /// The `content` member.
    public var content: AnthropicContent?
    /// The `is_error` member.
    public var isError: Bool?
    /// Members not modelled above (e.g. `cache_control`), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(toolUseID: String, content: AnthropicContent? = nil, isError: Bool? = nil,
                extra: [String: JSONValue] = [:]) {
        self.toolUseID = toolUseID
        self.content = content
        self.isError = isError
        self.extra = extra
    }

    static let known: Set<String> = ["type", "tool_use_id", "content", "is_error"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        toolUseID = try c.value("tool_use_id")
        content = try c.optional("content")
        isError = try c.optional("is_error")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put("tool_result", "type")
        w.put(toolUseID, "tool_use_id")
        w.putIfPresent(content, "content")
        w.putIfPresent(isError, "is_error")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// Content given as a plain string or as blocks (messages, system prompt, tool results).
public enum AnthropicContent: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// A plain string.
    case text(String)
    /// An array of content blocks.
    case blocks([AnthropicContentBlock])

    /// The blocks, with a plain string seen as one text block.
    public var blocks: [AnthropicContentBlock] {
        switch self {
        case .text(let s): [.text(s)]
        case .blocks(let b): b
        }
    }

    /// All text blocks joined with newlines (a plain string as is).
    public var text: String {
        switch self {
        case .text(let s): s
        case .blocks(let b): b.compactMap(\.text).joined(separator: "\n")
        }
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        if case .string(let s) = json {
            self = .text(s)
        } else {
            self = .blocks(try [AnthropicContentBlock](wire: json))
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .text(let s): w.string(s)
        case .blocks(let b): b.writeWire(to: &w)
        }
    }
}
