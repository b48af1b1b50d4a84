import AsyncHTTPClient
import NIOHTTP1
import SwitchyardConfig
import SwitchyardCore

/// How to reach one provider: wire family, base URL, credentials, timeouts and a pooled client.
struct UpstreamEndpoint: Sendable {
    let name: String
    let format: WireFormat
    let baseURL: String
    /// The secret itself, read from the environment variable the config names; never logged.
    let apiKey: String?
    let client: HTTPClient

    init(provider: ProviderConfig, apiKey: String?, client: HTTPClient) {
        name = provider.spec.name
        format = provider.spec.kind == .anthropic ? .anthropic : .openAI
        let fallback = provider.spec.kind == .anthropic ? "https://api.anthropic.com" : "https://api.openai.com/v1"
        var base = provider.spec.baseURL ?? fallback
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
        self.apiKey = apiKey
        self.client = client
    }

    /// The URL of the route serving `request` on this provider.
    func url(for request: ClientRequest) -> String {
        switch (format, request) {
        case (.anthropic, _):
            // Anthropic's base URL is the host; OpenAI-style base URLs already end in /v1.
            baseURL.hasSuffix("/v1") ? baseURL + "/messages" : baseURL + "/v1/messages"
        case (.openAI, .embeddings): baseURL + "/embeddings"
        case (.openAI, _): baseURL + "/chat/completions"
        }
    }

    /// Authentication and protocol headers for this provider.
    /// `trace` adds a `traceparent` naming this upstream call's span, so provider-side traces join ours: `spanID`,
    /// the attempt's span in the gateway's recorded trace, or a new one when the gateway records none.
    func headers(requestID: String, trace: TraceContext? = nil, spanID: String? = nil) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "accept", value: "application/json, text/event-stream")
        headers.add(name: "x-request-id", value: requestID)
        if let trace {
            headers.add(name: "traceparent", value: trace.traceparent(spanID: spanID ?? TraceContext.newSpanID()))
        }
        switch format {
        case .openAI:
            if let apiKey { headers.add(name: "authorization", value: "Bearer \(apiKey)") }
        case .anthropic:
            if let apiKey { headers.add(name: "x-api-key", value: apiKey) }
            headers.add(name: "anthropic-version", value: "2023-06-01")
        }
        return headers
    }
}
