/// Checks a value against the JSON Schema keywords structured output and tool parameters use — `type`, `enum`,
/// `const`, `properties`, `required`, `additionalProperties: false`, `items`, `minItems`/`maxItems`,
/// `minLength`/`maxLength`, `minimum`/`maximum` — and names the first violation by its path. Keywords it does not
/// know are not checked: an answer is refused only for what the schema plainly says.
public enum JSONSchemaCheck {
    /// The first violation of `schema` in `value`, as "path: what is wrong"; nil when none was found.
    public static func violation(of schema: JSONValue, in value: JSONValue, path: String = "$") -> String? {
        guard case .object(let s) = schema else { return nil }
        if case .array(let types)? = s["type"] {
            let names = types.compactMap(\.stringValue)
            if !names.isEmpty, !names.contains(where: { matches(value, type: $0) }) {
                return "\(path): expected \(names.joined(separator: " or ")), got \(value.kindName)"
            }
        } else if let type = s["type"]?.stringValue, !matches(value, type: type) {
            return "\(path): expected \(type), got \(value.kindName)"
        }
        if case .array(let options)? = s["enum"], !options.contains(value) {
            return "\(path): not one of the allowed values"
        }
        if let constant = s["const"], constant != value { return "\(path): not the required constant" }
        switch value {
        case .object(let members):
            if case .array(let required)? = s["required"] {
                for name in required.compactMap(\.stringValue) where members[name] == nil {
                    return "\(path): missing required member '\(name)'"
                }
            }
            let properties: JSONObject? = if case .object(let p)? = s["properties"] { p } else { nil }
            for (name, member) in members {
                if let sub = properties?[name] {
                    if let problem = violation(of: sub, in: member, path: "\(path).\(name)") { return problem }
                } else if s["additionalProperties"] == .bool(false) {
                    return "\(path): unexpected member '\(name)'"
                }
            }
        case .array(let elements):
            if let min = s["minItems"]?.intValue, elements.count < min { return "\(path): fewer than \(min) items" }
            if let max = s["maxItems"]?.intValue, elements.count > max { return "\(path): more than \(max) items" }
            if let items = s["items"] {
                for (i, element) in elements.enumerated() {
                    if let problem = violation(of: items, in: element, path: "\(path)[\(i)]") { return problem }
                }
            }
        case .string(let text):
            if let min = s["minLength"]?.intValue, text.count < min { return "\(path): shorter than \(min) characters" }
            if let max = s["maxLength"]?.intValue, text.count > max { return "\(path): longer than \(max) characters" }
        default:
            if let number = value.doubleValue {
                if let min = s["minimum"]?.doubleValue, number < min { return "\(path): below the minimum \(min)" }
                if let max = s["maximum"]?.doubleValue, number > max { return "\(path): above the maximum \(max)" }
            }
        }
        return nil
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null): true
        case ("integer", .int): true
        case ("integer", .double(let d)): d.rounded() == d
        case ("number", .int), ("number", .double): true
        default: false
        }
    }
}
