import SwitchyardJSON
import SwitchyardWire

/// Arguments for a simulated tool call: an object filling the schema's required properties with plausible
/// values, so clients that parse and validate them get something usable.
enum SimulatorToolArguments {
    private static let cities = ["Paris", "Tokyo", "Lisbon", "Nairobi", "Toronto", "Oslo", "Lima", "Seoul"]
    private static let words = ["alpha", "report", "summary", "weekly", "status", "draft", "north", "blue"]

    /// An arguments object for `schema` (a JSON Schema object; anything else gives `{}`).
    static func make(schema: JSONValue?, using rng: inout some RandomNumberGenerator) -> JSONValue {
        object(schema: schema, depth: 0, using: &rng)
    }

    private static func object(schema: JSONValue?, depth: Int, using rng: inout some RandomNumberGenerator) -> JSONValue {
        let properties = schema?["properties"]?.objectValue ?? [:]
        let required = schema?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var out = JSONObject()
        for name in required {
            out[name] = value(name: name, schema: properties[name], depth: depth + 1, using: &rng)
        }
        return .object(out)
    }

    private static func value(
        name: String, schema: JSONValue?, depth: Int, using rng: inout some RandomNumberGenerator
    ) -> JSONValue {
        if let options = schema?["enum"]?.arrayValue, let first = options.first { return first }
        if let constant = schema?["const"] { return constant }
        switch schemaType(schema) {
        case "integer":
            let low = schema?["minimum"]?.intValue ?? 1
            let high = max(low, schema?["maximum"]?.intValue ?? low + 99)
            return .int(Int.random(in: low...high, using: &rng))
        case "number":
            return .double((Double.random(in: 1..<100, using: &rng) * 100).rounded() / 100)
        case "boolean":
            return .bool(true)
        case "null":
            return .null
        case "array":
            // One element shows the item shape without inventing a long list.
            guard depth < 4 else { return .array([]) }
            return .array([value(name: name, schema: schema?["items"], depth: depth + 1, using: &rng)])
        case "object":
            guard depth < 4 else { return .object([:]) }
            return object(schema: schema, depth: depth, using: &rng)
        default:
            return .string(text(for: name, format: schema?["format"]?.stringValue, using: &rng))
        }
    }

    /// The schema's type; the first non-null one when it lists several.
    private static func schemaType(_ schema: JSONValue?) -> String {
        switch schema?["type"] {
        case .string(let type)?: return type
        case .array(let types)?:
            return types.compactMap(\.stringValue).first { $0 != "null" } ?? "string"
        default:
            return schema?["properties"] != nil ? "object" : "string"
        }
    }

    private static func text(for name: String, format: String?, using rng: inout some RandomNumberGenerator) -> String {
        let key = name.lowercased()
        switch format {
        case "date"?: return "2026-03-14"
        case "date-time"?: return "2026-03-14T09:30:00Z"
        case "email"?: return "ada@example.com"
        case "uri"?, "url"?: return "https://example.com/docs"
        default: break
        }
        if key.contains("city") || key.contains("location") || key.contains("place") {
            return cities[Int(rng.next() % UInt64(cities.count))]
        }
        if key.contains("unit") { return "celsius" }
        if key.contains("date") { return "2026-03-14" }
        if key.contains("email") { return "ada@example.com" }
        if key.contains("url") { return "https://example.com/docs" }
        if key.contains("name") { return "Ada Lovelace" }
        if key.contains("query") || key.contains("search") { return "latest release notes" }
        return words[Int(rng.next() % UInt64(words.count))]
    }
}
