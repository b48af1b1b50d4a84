/// Rough prompt-token counts (about four characters per token), for cost reservation before an upstream reports
/// real usage. Counts UTF-8 bytes, which errs high for non-ASCII text: a safe side for reserving budget.
public enum TokenEstimate {
    /// Tokens charged per image part, whatever its size (OpenAI's low-detail price).
    public static let tokensPerImage = 85

    /// Tokens for a number of characters, rounded up.
    public static func tokens(forCharacters count: Int) -> Int {
        (count + 3) / 4
    }

    /// Tokens for a piece of text.
    public static func tokens(_ text: String) -> Int {
        tokens(forCharacters: text.utf8.count)
    }

    /// Prompt tokens of an OpenAI chat request: message text, tool calls and tool definitions.
    public static func inputTokens(_ request: ChatCompletionRequest) -> Int {
        var chars = 0
        var images = 0
        for message in request.messages {
            chars += message.role.rawValue.utf8.count
            switch message.content {
            case .text(let s)?: chars += s.utf8.count
            case .parts(let parts)?:
                for part in parts {
                    switch part {
                    case .text(let t, _): chars += t.utf8.count
                    case .imageURL: images += 1
                    case .other(let v): chars += v.jsonString().utf8.count
                    }
                }
            case nil: break
            }
            for call in message.toolCalls ?? [] {
                chars += call.function.name.utf8.count + call.function.arguments.utf8.count
            }
        }
        for tool in request.tools ?? [] {
            chars += tool.function.name.utf8.count + (tool.function.description?.utf8.count ?? 0)
            chars += tool.function.parameters?.jsonString().utf8.count ?? 0
        }
        return tokens(forCharacters: chars) + images * tokensPerImage
    }

    /// Prompt tokens of an Anthropic messages request: system prompt, message blocks and tool definitions.
    public static func inputTokens(_ request: MessagesRequest) -> Int {
        var chars = request.system?.text.utf8.count ?? 0
        var images = 0
        func count(_ blocks: [AnthropicContentBlock]) {
            for block in blocks {
                switch block {
                case .text(let t, _): chars += t.utf8.count
                case .image: images += 1
                case .toolUse(let use): chars += use.name.utf8.count + use.input.jsonString().utf8.count
                case .toolResult(let result): count(result.content?.blocks ?? [])
                case .other(let v): chars += v.jsonString().utf8.count
                }
            }
        }
        for message in request.messages {
            chars += message.role.utf8.count
            count(message.content.blocks)
        }
        for tool in request.tools ?? [] {
            chars += tool.name.utf8.count + (tool.description?.utf8.count ?? 0)
            chars += tool.inputSchema?.jsonString().utf8.count ?? 0
        }
        return tokens(forCharacters: chars) + images * tokensPerImage
    }

    /// Input tokens of an embeddings request (token arrays count exactly).
    public static func inputTokens(_ request: EmbeddingsRequest) -> Int {
        switch request.input {
        case .string(let s): tokens(s)
        case .strings(let a): a.reduce(0) { $0 + tokens($1) }
        case .tokens(let t): t.count
        case .tokenArrays(let a): a.reduce(0) { $0 + $1.count }
        }
    }
}
