/// Prompt and completion tokens of one response, as reported by the upstream or counted while streaming.
struct TokenUsage: Sendable, Hashable {
    var input: Int
    var output: Int
}
