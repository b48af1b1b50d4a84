import Foundation
import SwitchyardCore
import Yams

/// Reads typed values out of a YAML node tree, recording every problem with its field path and line
/// instead of stopping at the first one.
struct YAMLWalker {
    let file: String
    private(set) var issues: [ConfigIssue] = []

    init(file: String) { self.file = file }

    mutating func error(_ node: Node?, _ path: String, _ message: String) {
        issues.append(ConfigIssue(
            file: file, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, path: path, message: message
        ))
    }

    mutating func warning(_ node: Node?, _ path: String, _ message: String) {
        issues.append(ConfigIssue(
            severity: .warning, file: file, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0,
            path: path, message: message
        ))
    }

    /// The mapping's entries by key, after reporting keys outside `allowed` (with a did-you-mean).
    mutating func mapping(_ node: Node, _ path: String, allowed: [String]) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            error(node, path, "expected a mapping (key: value), got \(describe(node))")
            return nil
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                error(keyNode, path, "keys must be strings")
                continue
            }
            let childPath = join(path, key)
            if !allowed.contains(key) {
                let hint = Self.closest(to: key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                error(keyNode, childPath, "unknown field '\(key)'\(hint); allowed: \(allowed.joined(separator: ", "))")
                continue
            }
            result[key] = value
        }
        return result
    }

    mutating func sequence(_ node: Node, _ path: String) -> [Node]? {
        guard case .sequence(let seq) = node else {
            error(node, path, "expected a list, got \(describe(node))")
            return nil
        }
        return Array(seq)
    }

    mutating func string(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(node, path, "expected a string, got \(describe(node))")
            return nil
        }
        let value = scalar.string.trimmingCharacters(in: .whitespaces)
        if value.isEmpty {
            error(node, path, "must not be empty")
            return nil
        }
        return value
    }

    mutating func number(
        _ node: Node, _ path: String, minimum: Double? = nil, exclusiveMinimum: Bool = false, maximum: Double? = nil
    ) -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite else {
            error(node, path, "expected a number, got \(describe(node))")
            return nil
        }
        if let minimum, exclusiveMinimum ? value <= minimum : value < minimum {
            error(node, path, "must be \(exclusiveMinimum ? ">" : "≥") \(InputBounds.formatNumber(minimum)), got \(InputBounds.formatNumber(value))")
            return nil
        }
        if let maximum, value > maximum {
            error(node, path, "must be at most \(InputBounds.formatNumber(maximum)), got \(InputBounds.formatNumber(value))")
            return nil
        }
        return value
    }

    /// An integer within `minimum...maximum`; one too large for any integer type is out of range, not malformed.
    mutating func integer(_ node: Node, _ path: String, minimum: Int, maximum: Int) -> Int? {
        guard case .scalar(let scalar) = node else {
            error(node, path, "expected an integer, got \(describe(node))")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        guard let value = Int(text) else {
            let digits = text.drop { $0 == "-" || $0 == "+" }
            let huge = !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
            error(node, path, huge
                ? "must be from \(minimum) to \(maximum), got \(text)"
                : "expected an integer, got \(describe(node))")
            return nil
        }
        if value < minimum || value > maximum {
            error(node, path, "must be from \(minimum) to \(maximum), got \(value)")
            return nil
        }
        return value
    }

    /// `true` or `false` (and YAML 1.1's yes/no/on/off, as Yams reads them).
    mutating func boolean(_ node: Node, _ path: String) -> Bool? {
        guard case .scalar = node, let value = node.bool else {
            error(node, path, "expected true or false, got \(describe(node))")
            return nil
        }
        return value
    }

    /// A mapping of names to non-empty strings (`{ name: value, … }`); `example` shows the expected shape.
    mutating func stringMap(_ node: Node, _ path: String, example: String) -> [String: String]? {
        guard case .mapping(let pairs) = node else {
            error(node, path, "expected a mapping of name to value, e.g. \(example), got \(describe(node))")
            return nil
        }
        var map: [String: String] = [:]
        for (nameNode, value) in pairs {
            guard let name = nameNode.string, !name.isEmpty else {
                error(nameNode, path, "keys must be strings")
                continue
            }
            if let text = string(value, join(path, name)) { map[name] = text }
        }
        return map
    }

    /// A duration (`DurationText`: 250ms, 90s, 1m30s, 1h, or plain seconds); at most `InputBounds.durationSeconds`.
    mutating func duration(_ node: Node, _ path: String) -> Double? {
        guard case .scalar(let scalar) = node else {
            error(node, path, "expected a duration like \(DurationText.examples), got \(describe(node))")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        guard let seconds = DurationText.seconds(text), seconds > 0 else {
            error(node, path, "expected a positive duration like \(DurationText.examples), got '\(text)'")
            return nil
        }
        guard seconds <= InputBounds.durationSeconds.upperBound else {
            error(node, path, "must be at most \(InputBounds.formatNumber(InputBounds.durationSeconds.upperBound)) s (a day), got '\(text)'")
            return nil
        }
        return seconds
    }

    mutating func oneOf<T: RawRepresentable>(_ node: Node, _ path: String, _ type: T.Type) -> T?
    where T: CaseIterable, T.RawValue == String {
        guard let text = string(node, path) else { return nil }
        if let value = T(rawValue: text) { return value }
        let allowed = T.allCases.map(\.rawValue)
        let hint = Self.closest(to: text, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
        error(node, path, "unknown value '\(text)'\(hint); expected one of: \(allowed.joined(separator: ", "))")
        return nil
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): s.string.isEmpty ? "nothing" : "'\(s.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }


    /// The allowed word within edit distance 2 of `word`, if any: catches typos like `wieght`.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let target = Array(word)
        return candidates
            .map { ($0, NameSuggestion.distance(target, Array($0))) }
            .filter { $0.1 <= 2 }
            .min { $0.1 < $1.1 }?.0
    }
}
