import Yams

/// `${VAR}` and `${VAR:-default}` in any value of the configuration, replaced from the environment before the
/// file is read, as Docker Compose and Envoy's bootstrap do: a base URL, a limit or a listen address can come
/// from where the deployment is. `$${` writes a literal `${`. A variable that is unset (with no default) is an
/// error naming the field and the line; `:-` uses the default when the variable is unset or empty. Keys are never
/// expanded, and neither are comments.
enum EnvironmentSubstitution {
    /// Every value scalar of `node` expanded; problems are recorded on `walker` against their field.
    static func expand(_ node: Node, path: String, environment: [String: String], walker: inout YAMLWalker) -> Node {
        switch node {
        case .scalar(var scalar):
            guard scalar.string.contains("$") else { return node }
            switch expand(scalar.string, environment: environment) {
            case .success(let text):
                // The reader takes numbers, booleans and durations from the text, so `limit: ${LIMIT}` works.
                scalar.string = text
                return .scalar(scalar)
            case .failure(let problem):
                walker.error(node, path.isEmpty ? "(root)" : path, problem.message)
                return node
            }
        case .mapping(var mapping):
            for i in mapping.indices {
                let (key, value) = mapping[i]
                let field = walker.join(path, key.string ?? "?")
                mapping[i] = (key, expand(value, path: field, environment: environment, walker: &walker))
            }
            return .mapping(mapping)
        case .sequence(var sequence):
            for i in sequence.indices {
                sequence[i] = expand(sequence[i], path: "\(path)[\(i)]", environment: environment, walker: &walker)
            }
            return .sequence(sequence)
        case .alias:
            return node
        }
    }

    struct Problem: Error, Equatable {
        var message: String
    }

    /// `text` with every reference replaced, or what is wrong with the first bad one.
    static func expand(_ text: String, environment: [String: String]) -> Result<String, Problem> {
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            rest = rest[dollar...]
            if rest.hasPrefix("$${") {
                result += "${"
                rest = rest.dropFirst(3)
                continue
            }
            guard rest.hasPrefix("${") else {
                result += "$"
                rest = rest.dropFirst()
                continue
            }
            guard let close = rest.firstIndex(of: "}") else {
                return .failure(Problem(message: "'${' without a closing '}'; write $${ for a literal ${"))
            }
            let inside = rest[rest.index(rest.startIndex, offsetBy: 2)..<close]
            let name: Substring
            var fallback: Substring?
            if let marker = inside.range(of: ":-") {
                name = inside[..<marker.lowerBound]
                fallback = inside[marker.upperBound...]
            } else {
                name = inside
            }
            guard isVariableName(name) else {
                return .failure(Problem(message: "'${\(inside)}' is not a variable reference: use ${NAME} or ${NAME:-default} (letters, digits and _)"))
            }
            let value = environment[String(name)]
            if let fallback {
                result += (value?.isEmpty ?? true) ? String(fallback) : (value ?? "")
            } else if let value {
                result += value
            } else {
                return .failure(Problem(message: "environment variable \(name) is not set; set it, or give a default with ${\(name):-default}"))
            }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return .success(result)
    }

    private static func isVariableName(_ name: Substring) -> Bool {
        guard let first = name.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
}
