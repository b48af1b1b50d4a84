import SwitchyardJSON
/// A tool in a Responses request: a function, in the flat shape `{"type":"function","name",…}`, or one of
/// OpenAI's built-in tools (`web_search`, `file_search`, …), which only OpenAI runs and the gateway refuses.
public enum ResponsesTool: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// `{"type":"function","name","description","parameters","strict"}`.
    case function(name: String, description: String?, parameters: JSONValue?, strict: Bool?)
    /// Any other tool type, kept verbatim.
    case builtIn(type: String, JSONValue)

    /// The `type` member.
    public var type: String {
        switch self {
        case .function: "function"
        case .builtIn(let type, _): type
        }
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        let type: String = try c.value("type")
        if type == "function" {
            self = .function(
                name: try c.value("name"), description: try c.optional("description"),
                parameters: try c.optional("parameters"), strict: try c.optional("strict"))
        } else {
            self = .builtIn(type: type, json)
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON; a function's `parameters` and `strict` always appear, as on OpenAI's responses.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .function(let name, let description, let parameters, let strict):
            w.beginObject()
            w.put("function", "type")
            w.put(name, "name")
            w.putIfPresent(description, "description")
            w.putNullable(parameters, "parameters")
            w.putNullable(strict, "strict")
            w.endObject()
        case .builtIn(_, let json):
            json.writeWire(to: &w)
        }
    }
}
