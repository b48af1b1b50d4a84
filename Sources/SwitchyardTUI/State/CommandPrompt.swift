/// The `:` command line being typed: its text, the Tab completion in progress and where Up/Down are in the history.
public struct CommandPrompt: Sendable, Hashable {
    /// What follows the `:`.
    public var text = ""
    /// Candidates for the word being completed, while Tab cycles through them.
    public var completions: [String] = []
    /// Which candidate is in the text (an index into `completions`).
    public var completionIndex = 0
    /// The text before the completed word, which every candidate follows.
    public var completionBase = ""
    /// Which history entry is shown (Up/Down), counting from the oldest; nil while typing a new line.
    public var historyIndex: Int?
    /// The line being typed before Up recalled history, restored by Down past the newest entry.
    public var draft = ""

    /// An empty prompt.
    public init(text: String = "") { self.text = text }

    /// Every command the line runs, in the order Tab offers them.
    public static let commands = ["trace", "model", "provider", "disable", "enable", "weight", "filter", "theme", "q"]

    /// The command word and its arguments.
    public var words: [String] { text.split(separator: " ").map(String.init) }

    /// Stops a completion in progress (any edit other than Tab).
    mutating func endCompletion() {
        completions = []
        completionIndex = 0
        completionBase = ""
    }
}
