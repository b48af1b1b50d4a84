import SwitchyardJSON

/// Google's `Schema` (an OpenAPI 3.0 subset: `"type":"OBJECT"`, `nullable`, `propertyOrdering`, 64-bit counts as
/// strings) read as the JSON Schema chat upstreams take.
public enum GeminiSchema {
    /// `schema` as JSON Schema: type names in lower case, `nullable: true` as a `"null"` type, counts as numbers,
    /// Google-only keywords (`propertyOrdering`, `example`) dropped; nested schemas likewise.
    public static func jsonSchema(from schema: JSONValue) -> JSONValue {
        guard case .object(let members) = schema else { return schema }
        var out = JSONObject()
        let nullable = members["nullable"] == .bool(true)
        for (key, value) in members {
            switch key {
            case "nullable", "propertyOrdering", "property_ordering", "example":
                continue
            case "type":
                guard var type = value.stringValue?.lowercased(), type != "type_unspecified" else { continue }
                if type == "null" { out["type"] = "null"; continue }
                if type.isEmpty { type = "object" }
                out["type"] = nullable ? [.string(type), "null"] : .string(type)
            case "properties":
                out[key] = value.objectValue.map { .object($0.mapValues(jsonSchema(from:))) } ?? value
            case "items":
                out[key] = jsonSchema(from: value)
            case "anyOf", "any_of":
                out["anyOf"] = value.arrayValue.map { .array($0.map(jsonSchema(from:))) } ?? value
            case "minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties",
                 "min_items", "max_items", "min_length", "max_length", "min_properties", "max_properties":
                out[camel(key)] = value.stringValue.flatMap { Int($0) }.map(JSONValue.int) ?? value
            default:
                out[camel(key)] = value
            }
        }
        if nullable, out["type"] == nil, let anyOf = out["anyOf"]?.arrayValue {
            out["anyOf"] = .array(anyOf + [["type": "null"]])
        }
        return .object(out)
    }

    /// `max_items` → `maxItems`: the proto field names Google's JSON mapping also accepts.
    private static func camel(_ key: String) -> String {
        guard key.contains("_"), !key.hasPrefix("_"), !key.hasPrefix("$") else { return key }
        var out = ""
        var upper = false
        for character in key {
            if character == "_" {
                upper = true
            } else {
                out.append(upper ? Character(character.uppercased()) : character)
                upper = false
            }
        }
        return out
    }
}
