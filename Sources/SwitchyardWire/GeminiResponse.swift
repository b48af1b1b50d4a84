import SwitchyardJSON

/// Google's `GenerateContentResponse`: the whole answer of `:generateContent`, and each `data:` chunk of
/// `:streamGenerateContent?alt=sse`.
public struct GeminiGenerateContentResponse: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The answers (the gateway serves one); absent when the prompt was blocked.
    public var candidates: [GeminiCandidate]?
    /// Why the prompt was blocked (`{"blockReason":"SAFETY",…}`), kept as sent.
    public var promptFeedback: JSONValue?
    /// The `usageMetadata` member.
    public var usageMetadata: GeminiUsageMetadata?
    /// The model that answered (`gemini-2.0-flash-001`).
    public var modelVersion: String?
    /// The `responseId` member.
    public var responseID: String?
    /// Members not modelled above (`createTime`, …), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(
        candidates: [GeminiCandidate]? = nil, promptFeedback: JSONValue? = nil,
        usageMetadata: GeminiUsageMetadata? = nil, modelVersion: String? = nil, responseID: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.candidates = candidates
        self.promptFeedback = promptFeedback
        self.usageMetadata = usageMetadata
        self.modelVersion = modelVersion
        self.responseID = responseID
        self.extra = extra
    }

    static let known: Set<String> = ["candidates", "promptFeedback", "usageMetadata", "modelVersion", "responseId"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        candidates = try c.optional("candidates")
        promptFeedback = try c.either("promptFeedback", "prompt_feedback")
        usageMetadata = try c.either("usageMetadata", "usage_metadata")
        modelVersion = try c.either("modelVersion", "model_version")
        responseID = try c.either("responseId", "response_id")
        extra = c.extras(excluding: Self.known.union(["prompt_feedback", "usage_metadata", "model_version", "response_id"]))
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON. `usageMetadata` leads: in a stream only the closing chunk carries it, and the
    /// gateway tells that chunk by its first member (`GeminiFrameTranslator`).
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.putIfPresent(usageMetadata, "usageMetadata")
        w.putIfPresent(candidates, "candidates")
        w.putIfPresent(promptFeedback, "promptFeedback")
        w.putIfPresent(modelVersion, "modelVersion")
        w.putIfPresent(responseID, "responseId")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }

    /// The first candidate, the one the gateway translates.
    public var first: GeminiCandidate? { candidates?.first }

    /// The prompt's block reason, when Google refused to answer it at all.
    public var blockReason: String? { promptFeedback?["blockReason"]?.stringValue }
}

/// One answer: `{"content":{"role":"model","parts":[…]},"finishReason":"STOP","index":0}`.
public struct GeminiCandidate: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `content` member.
    public var content: GeminiContent?
    /// `STOP`, `MAX_TOKENS`, `SAFETY`, …; set on the last chunk of a stream.
    public var finishReason: String?
    /// The `index` member.
    public var index: Int?
    /// Members not modelled above (`safetyRatings`, `citationMetadata`, `finishMessage`, …), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(content: GeminiContent? = nil, finishReason: String? = nil, index: Int? = 0, extra: [String: JSONValue] = [:]) {
        self.content = content
        self.finishReason = finishReason
        self.index = index
        self.extra = extra
    }

    static let known: Set<String> = ["content", "finishReason", "finish_reason", "index"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        content = try c.optional("content")
        finishReason = try c.either("finishReason", "finish_reason")
        index = try c.optional("index")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.putIfPresent(content, "content")
        w.putIfPresent(finishReason, "finishReason")
        w.putIfPresent(index, "index")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// `usageMetadata`. Google bills thinking as output: `thoughtsTokenCount` is not in `candidatesTokenCount`.
public struct GeminiUsageMetadata: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The prompt's tokens, cached ones included.
    public var promptTokenCount: Int
    /// The answer's tokens.
    public var candidatesTokenCount: Int?
    /// Every token of the call.
    public var totalTokenCount: Int?
    /// Prompt tokens read from a cache.
    public var cachedContentTokenCount: Int?
    /// Tokens the model spent thinking.
    public var thoughtsTokenCount: Int?
    /// Tokens of tool results fed back by Google's own tools.
    public var toolUsePromptTokenCount: Int?
    /// Members not modelled above (`promptTokensDetails`, …), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members; `totalTokenCount` defaults to the sum of the others.
    public init(
        promptTokenCount: Int, candidatesTokenCount: Int?, totalTokenCount: Int? = nil,
        cachedContentTokenCount: Int? = nil, thoughtsTokenCount: Int? = nil, toolUsePromptTokenCount: Int? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.promptTokenCount = promptTokenCount
        self.candidatesTokenCount = candidatesTokenCount
        self.cachedContentTokenCount = cachedContentTokenCount
        self.thoughtsTokenCount = thoughtsTokenCount
        self.toolUsePromptTokenCount = toolUsePromptTokenCount
        self.extra = extra
        self.totalTokenCount = totalTokenCount
            ?? promptTokenCount + (candidatesTokenCount ?? 0) + (thoughtsTokenCount ?? 0) + (toolUsePromptTokenCount ?? 0)
    }

    static let known: Set<String> = [
        "promptTokenCount", "candidatesTokenCount", "totalTokenCount", "cachedContentTokenCount",
        "thoughtsTokenCount", "toolUsePromptTokenCount",
    ]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        promptTokenCount = try c.either("promptTokenCount", "prompt_token_count") ?? 0
        candidatesTokenCount = try c.either("candidatesTokenCount", "candidates_token_count")
        totalTokenCount = try c.either("totalTokenCount", "total_token_count")
        cachedContentTokenCount = try c.either("cachedContentTokenCount", "cached_content_token_count")
        thoughtsTokenCount = try c.either("thoughtsTokenCount", "thoughts_token_count")
        toolUsePromptTokenCount = try c.either("toolUsePromptTokenCount", "tool_use_prompt_token_count")
        extra = c.extras(excluding: Self.known.union([
            "prompt_token_count", "candidates_token_count", "total_token_count", "cached_content_token_count",
            "thoughts_token_count", "tool_use_prompt_token_count",
        ]))
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(promptTokenCount, "promptTokenCount")
        w.putIfPresent(candidatesTokenCount, "candidatesTokenCount")
        w.putIfPresent(totalTokenCount, "totalTokenCount")
        w.putIfPresent(cachedContentTokenCount, "cachedContentTokenCount")
        w.putIfPresent(thoughtsTokenCount, "thoughtsTokenCount")
        w.putIfPresent(toolUsePromptTokenCount, "toolUsePromptTokenCount")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }

    /// Input tokens as billed: the prompt and the results of Google's own tools.
    public var inputTokens: Int { promptTokenCount + (toolUsePromptTokenCount ?? 0) }

    /// Output tokens as billed: the answer and the thinking behind it.
    public var outputTokens: Int { (candidatesTokenCount ?? 0) + (thoughtsTokenCount ?? 0) }
}
