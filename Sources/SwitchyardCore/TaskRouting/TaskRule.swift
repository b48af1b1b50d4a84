import Foundation

/// A config rule declaring a task: keywords (case-insensitive) or regular expressions matched on the last user
/// message and/or the system prompt, and/or metadata the calling key must carry (every pair). Rules are tried in
/// order, after an explicit task and before detection.
public struct TaskRule: Sendable, Hashable {
    /// Which texts a rule reads.
    public enum Text: String, Sendable, Hashable, CaseIterable {
        case user, system
    }

    public var task: TaskName
    public var keywords: [String]
    public var patterns: [String]
    public var texts: Set<Text>
    /// Pairs the calling key's metadata must all hold; with no keywords or patterns, the rule matches on them alone.
    public var keyMetadata: [String: String]

    public init(
        task: TaskName, keywords: [String] = [], patterns: [String] = [], texts: Set<Text> = [.user],
        keyMetadata: [String: String] = [:]
    ) {
        self.task = task
        self.keywords = keywords
        self.patterns = patterns
        self.texts = texts
        self.keyMetadata = keyMetadata
    }

    /// The pattern that is not a valid regular expression, with the reason; nil when all are.
    public var invalidPattern: (pattern: String, reason: String)? {
        for pattern in patterns {
            do { _ = try NSRegularExpression(pattern: pattern) } catch {
                return (pattern, "\(error.localizedDescription)")
            }
        }
        return nil
    }
}

/// Rules with their patterns compiled once. `NSRegularExpression` is immutable and safe to share across threads.
final class CompiledTaskRules: @unchecked Sendable {
    struct Compiled {
        var rule: TaskRule
        var keywords: PhraseSet
        var patterns: [NSRegularExpression]
    }

    let rules: [Compiled]

    var isEmpty: Bool { rules.isEmpty }

    init(_ rules: [TaskRule]) {
        self.rules = rules.map { rule in
            Compiled(rule: rule, keywords: PhraseSet(rule.keywords),
                     patterns: rule.patterns.compactMap { try? NSRegularExpression(pattern: $0) })
        }
    }

    /// Every rule that matches, in order, with what matched.
    func matches(
        user: String, system: String, scannedUser: ScannedText, keyMetadata: [String: String]
    ) -> [(rule: TaskRule, why: String)] {
        var found: [(TaskRule, String)] = []
        var scannedSystem: ScannedText?
        for compiled in rules {
            let metadata = compiled.rule.keyMetadata
            guard metadata.allSatisfy({ keyMetadata[$0.key] == $0.value }) else { continue }
            let onMetadata = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            if compiled.rule.keywords.isEmpty, compiled.patterns.isEmpty {
                if !metadata.isEmpty { found.append((compiled.rule, "key metadata \(onMetadata)")) }
                continue
            }
            if let why = match(compiled, user: user, system: system, scannedUser: scannedUser,
                               scannedSystem: &scannedSystem) {
                found.append((compiled.rule, metadata.isEmpty ? why : "\(why), key metadata \(onMetadata)"))
            }
        }
        return found
    }

    private func match(
        _ c: Compiled, user: String, system: String, scannedUser: ScannedText, scannedSystem: inout ScannedText?
    ) -> String? {
        for text in TaskRule.Text.allCases where c.rule.texts.contains(text) {
            let raw = text == .user ? user : system
            guard !raw.isEmpty else { continue }
            let scanned: ScannedText
            if text == .user {
                scanned = scannedUser
            } else {
                if scannedSystem == nil { scannedSystem = ScannedText(system) }
                scanned = scannedSystem ?? ScannedText(system)
            }
            if let phrase = c.keywords.first(in: scanned),
               let keyword = c.rule.keywords.first(where: { Array($0.lowercased().utf8) == phrase }) {
                return "keyword \"\(keyword)\" in the \(text == .user ? "user message" : "system prompt")"
            }
            let range = NSRange(raw.startIndex..<raw.endIndex, in: raw)
            for (i, pattern) in c.patterns.enumerated() where pattern.firstMatch(in: raw, range: range) != nil {
                return "pattern /\(c.rule.patterns[i])/ in the \(text == .user ? "user message" : "system prompt")"
            }
        }
        return nil
    }
}
