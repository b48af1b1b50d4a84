import SwitchyardJSON
/// A tool the model may call: `{"type":"function","function":{…}}`.
public struct ChatTool: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `type` member.
    public var type: String
    /// The `function` member.
    public var function: FunctionDefinition

    /// Creates a value from its members.
    public init(type: String = "function", function: FunctionDefinition) {
        self.type = type
        self.function = function
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        type = try c.optional("type") ?? "function"
        function = try c.value("function")
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(type, "type")
        w.put(function, "function")
        w.endObject()
    }
}

/// A callable function's name, description and JSON Schema parameters.
public struct FunctionDefinition: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `name` member.
    public var name: String
    /// The `description` member.
    public var description: String?
    /// JSON Schema of the arguments object.
    public var parameters: JSONValue?
    /// Members not modelled above (e.g. `strict`), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(name: String, description: String? = nil, parameters: JSONValue? = nil, extra: [String: JSONValue] = [:]) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.extra = extra
    }

    static let known: Set<String> = ["name", "description", "parameters"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        name = try c.value("name")
        description = try c.optional("description")
        parameters = try c.optional("parameters")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(name, "name")
        w.putIfPresent(description, "description")
        w.putIfPresent(parameters, "parameters")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// A tool call an assistant turn made: `{"id","type":"function","function":{"name","arguments"}}`.
public struct ChatToolCall: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `id` member.
    public var id: String
    /// The `type` member.
    public var type: String
    /// The `function` member.
    public var function: FunctionCall

    /// Creates a value from its members.
    public init(id: String, type: String = "function", function: FunctionCall) {
        self.id = id
        self.type = type
        self.function = function
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        id = try c.value("id")
        type = try c.optional("type") ?? "function"
        function = try c.value("function")
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(id, "id")
        w.put(type, "type")
        w.put(function, "function")
        w.endObject()
    }
}

/// The function a tool call invokes; `arguments` is a JSON-encoded string, as the API sends it.
public struct FunctionCall: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `name` member.
    public var name: String
    /// The `arguments` member.
    public var arguments: String

    /// Creates a value from its members.
    public init(name: String, arguments: String) {
        self.name = name
        self.arguments = arguments
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        name = try c.optional("name") ?? ""
        arguments = try c.optional("arguments") ?? ""
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(name, "name")
        w.put(arguments, "arguments")
        w.endObject()
    }
}

/// `tool_choice`: `"none"`, `"auto"`, `"required"` or a named function.
public enum ChatToolChoice: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// `"none"`: never call a tool.
    case none
    /// `"auto"`: the model decides.
    case auto
    /// `"required"`: call at least one tool.
    case required
    /// `{"type":"function","function":{"name":…}}`.
    case function(String)
    /// Any other shape, kept verbatim.
    case other(JSONValue)

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let value = json
        switch value {
        case .string("none"): self = .none
        case .string("auto"): self = .auto
        case .string("required"): self = .required
        default:
            if value["type"] == .string("function"), let name = value["function"]?["name"]?.stringValue {
                self = .function(name)
            } else {
                self = .other(value)
            }
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .none: w.string("none")
        case .auto: w.string("auto")
        case .required: w.string("required")
        case .function(let name):
            w.beginObject()
            w.put("function", "type")
            w.key("function")
            w.beginObject()
            w.put(name, "name")
            w.endObject()
            w.endObject()
        case .other(let v): v.writeWire(to: &w)
        }
    }
}

/// `stop`: one string or up to four.
public enum StopSequences: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// One string.
    case single(String)
    /// An array of strings.
    case multiple([String])

    /// The sequences as a list.
    public var values: [String] {
        switch self {
        case .single(let s): [s]
        case .multiple(let a): a
        }
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        if case .string(let s) = json {
            self = .single(s)
        } else {
            self = .multiple(try [String](wire: json))
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .single(let s): w.string(s)
        case .multiple(let a): a.writeWire(to: &w)
        }
    }
}
