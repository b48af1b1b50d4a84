/// Prompt and completion tokens of one response, as reported by the upstream or counted while streaming.
public struct TokenUsage: Sendable, Hashable {
    public var input: Int
    public var output: Int

    public init(input: Int, output: Int) {
        self.input = input
        self.output = output
    }
}
