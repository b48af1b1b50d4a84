extension ClientRequest {
    /// The request with its completion ceiling lowered to `cap` where it allows more (or sets none); the member
    /// the client used is the one lowered, so the upstream reads the cap where it reads the client's.
    public func cappingOutputTokens(at cap: Int) -> ClientRequest {
        switch self {
        case .chat(var r):
            if let current = r.maxCompletionTokens {
                r.maxCompletionTokens = min(current, cap)
                if let legacy = r.maxTokens { r.maxTokens = min(legacy, cap) }
            } else {
                r.maxTokens = min(r.maxTokens ?? cap, cap)
            }
            return .chat(r)
        case .messages(var r):
            r.maxTokens = min(r.maxTokens, cap)
            return .messages(r)
        case .embeddings:
            return self
        }
    }
}

extension ResponsesRequest {
    /// The request with `max_output_tokens` lowered to `cap` where it allows more (or sets none), for an upstream
    /// that takes it natively.
    public func cappingOutputTokens(at cap: Int) -> ResponsesRequest {
        var r = self
        r.maxOutputTokens = min(maxOutputTokens ?? cap, cap)
        return r
    }
}
