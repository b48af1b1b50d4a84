/// A kind of work a request is: the built-in tasks detection knows, or one a config rule declares.
public struct TaskName: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public static let vision: TaskName = "vision"
    public static let longContext: TaskName = "long_context"
    public static let tools: TaskName = "tools"
    public static let structured: TaskName = "structured"
    public static let code: TaskName = "code"
    public static let reasoning: TaskName = "reasoning"
    public static let chat: TaskName = "chat"

    /// The built-in tasks, in their order of precedence (the first that matches wins).
    public static let builtIn: [TaskName] = [.vision, .longContext, .tools, .structured, .code, .reasoning, .chat]

    public var description: String { rawValue }

    public static func < (a: TaskName, b: TaskName) -> Bool { a.rawValue < b.rawValue }
}
