/// A tool the model may call: `{"type":"function","function":{…}}`.
public struct ChatTool: Codable, Hashable, Sendable {
    public var type: String
    public var function: FunctionDefinition

    public init(type: String = "function", function: FunctionDefinition) {
        self.type = type
        self.function = function
    }
}

/// A callable function's name, description and JSON Schema parameters.
public struct FunctionDefinition: Codable, Hashable, Sendable {
    public var name: String
    public var description: String?
    /// JSON Schema of the arguments object.
    public var parameters: JSONValue?
    /// Members not modelled above (e.g. `strict`), passed through.
    public var extra: [String: JSONValue]

    public init(name: String, description: String? = nil, parameters: JSONValue? = nil, extra: [String: JSONValue] = [:]) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.extra = extra
    }

    static let known: Set<String> = ["name", "description", "parameters"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireCodingKey.self)
        name = try c.value("name")
        description = try c.optional("description")
        parameters = try c.optional("parameters")
        extra = try c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: WireCodingKey.self)
        try c.put(name, "name")
        try c.putIfPresent(description, "description")
        try c.putIfPresent(parameters, "parameters")
        try c.putExtras(extra, excluding: Self.known)
    }
}

/// A tool call an assistant turn made: `{"id","type":"function","function":{"name","arguments"}}`.
public struct ChatToolCall: Codable, Hashable, Sendable {
    public var id: String
    public var type: String
    public var function: FunctionCall

    public init(id: String, type: String = "function", function: FunctionCall) {
        self.id = id
        self.type = type
        self.function = function
    }
}

/// The function a tool call invokes; `arguments` is a JSON-encoded string, as the API sends it.
public struct FunctionCall: Codable, Hashable, Sendable {
    public var name: String
    public var arguments: String

    public init(name: String, arguments: String) {
        self.name = name
        self.arguments = arguments
    }
}

/// `tool_choice`: `"none"`, `"auto"`, `"required"` or a named function.
public enum ChatToolChoice: Codable, Hashable, Sendable {
    case none
    case auto
    case required
    /// `{"type":"function","function":{"name":…}}`.
    case function(String)
    /// Any other shape, kept verbatim.
    case other(JSONValue)

    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
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

    public func encode(to encoder: any Encoder) throws {
        let value: JSONValue
        switch self {
        case .none: value = "none"
        case .auto: value = "auto"
        case .required: value = "required"
        case .function(let name): value = ["type": "function", "function": ["name": .string(name)]]
        case .other(let v): value = v
        }
        try value.encode(to: encoder)
    }
}

/// `stop`: one string or up to four.
public enum StopSequences: Codable, Hashable, Sendable {
    case single(String)
    case multiple([String])

    /// The sequences as a list.
    public var values: [String] {
        switch self {
        case .single(let s): [s]
        case .multiple(let a): a
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .single(s)
        } else {
            self = .multiple(try c.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .single(let s): try c.encode(s)
        case .multiple(let a): try c.encode(a)
        }
    }
}
