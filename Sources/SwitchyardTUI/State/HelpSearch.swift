/// The help overlay's search (`/` while help is open): the text typed and whether keys are still typing into it.
public struct HelpSearch: Sendable, Hashable {
    /// What the keys and descriptions must contain (case-insensitive).
    public var text = ""
    /// Whether keys type into the search.
    public var editing = false

    /// No search.
    public init(text: String = "", editing: Bool = false) {
        self.text = text
        self.editing = editing
    }

    /// Whether the help is narrowed or being narrowed.
    public var isActive: Bool { editing || !text.isEmpty }

    /// The key map's entries that match, each kept with its continuation lines (entries with no key): a key whose
    /// second line matches is listed whole, not as a line without its key.
    public var entries: [(String, String)] {
        guard !text.isEmpty else { return Keymap.entries }
        return Self.groups.filter(matches).flatMap { $0 }
    }

    /// How many keys match (a key with its continuation lines counts once).
    public var matchCount: Int {
        text.isEmpty ? Self.groups.count : Self.groups.filter(matches).count
    }

    private func matches(_ group: [(String, String)]) -> Bool {
        let needle = text.lowercased()
        return group.contains { $0.0.lowercased().contains(needle) || $0.1.lowercased().contains(needle) }
    }

    /// The key map split into keys, each with the lines that continue its description.
    static let groups: [[(String, String)]] = Keymap.entries.reduce(into: []) { groups, entry in
        if entry.0.isEmpty, !groups.isEmpty {
            groups[groups.count - 1].append(entry)
        } else {
            groups.append([entry])
        }
    }
}
