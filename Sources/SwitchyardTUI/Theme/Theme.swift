/// How one role looks: foreground, optional background, and attributes.
public struct RoleAppearance: Sendable, Hashable, CustomStringConvertible {
    /// Text colour.
    public var foreground: ThemeColor
    /// nil: the theme's `background` colour.
    public var background: ThemeColor?
    /// Bold text.
    public var bold = false
    /// Dim text.
    public var dim = false
    /// Swapped colours.
    public var reverse = false
    /// Underlined text.
    public var underline = false

    /// An appearance with the given colours and no attributes.
    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor? = nil) {
        self.foreground = foreground
        self.background = background
    }

    public var description: String {
        var parts = [foreground.description]
        if let background { parts += ["on", background.description] }
        if bold { parts.append("bold") }
        if dim { parts.append("dim") }
        if reverse { parts.append("reverse") }
        if underline { parts.append("underline") }
        return parts.joined(separator: " ")
    }
}

/// A named set of role appearances, read from a `.theme` file.
public struct Theme: Sendable, Hashable {
    /// Theme name (file name without `.theme`).
    public var name: String
    /// Appearance per role; missing roles use the terminal default.
    public var roles: [Role: RoleAppearance]

    /// A theme from explicit role appearances; missing roles fall back to the terminal default.
    public init(name: String, roles: [Role: RoleAppearance]) {
        self.name = name
        self.roles = roles
    }

    /// The appearance of `role`, with the background filled in from the `background` role.
    public func appearance(_ role: Role) -> RoleAppearance {
        var a = roles[role] ?? RoleAppearance()
        // The `background` role's first colour is the screen background (or its explicit `on` colour).
        let screen = roles[.background].map { $0.background ?? $0.foreground } ?? .terminalDefault
        if role == .background { a = RoleAppearance(foreground: roles[.text]?.foreground ?? .terminalDefault) }
        if a.background == nil { a.background = screen }
        return a
    }

    /// One line per role, "letter role = appearance", for golden legends.
    public func legend() -> String {
        Role.allCases.map { "\($0.letter) \($0.rawValue) = \(appearance($0))" }.joined(separator: "\n")
    }
}
