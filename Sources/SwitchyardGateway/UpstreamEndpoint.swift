import NIOHTTP1
import SwitchyardConfig
import SwitchyardCore
import SwitchyardWire
import SwitchyardHTTP

/// How to reach one provider: wire family, where its API lives, credentials and connect timeout.
struct UpstreamEndpoint: Sendable {
    let name: String
    let format: WireFormat
    /// Scheme, host and port of the base URL with the route there; nil when it is not an http(s) URL.
    let target: UpstreamTarget?
    /// The base URL's path, without a trailing slash ("/v1" for OpenAI's).
    let basePath: String
    /// The secret itself, read from the environment variable the config names; never logged.
    let apiKey: String?
    /// Seconds a new connection may take.
    let connectTimeout: Double
    /// Azure OpenAI's API version (`2024-10-21`, or `v1`); nil for every other kind.
    let azureAPIVersion: String?
    /// Whether the provider speaks Bedrock's Converse API (its answers are read as Anthropic's: `format`).
    let isBedrock: Bool
    /// Signs a Bedrock provider's calls; nil for other kinds and for a Bedrock provider without credentials.
    let signer: SigV4Signer?
    /// Whether Responses API requests go to the provider's own `/responses` route (`ProviderSpec.servesResponsesNatively`).
    let servesResponses: Bool

    init(
        provider: ProviderConfig, apiKey: String?, awsCredentials: AWSCredentials? = nil, connectTimeout: Double,
        egress: UpstreamEgress
    ) {
        name = provider.spec.name
        isBedrock = provider.spec.kind == .bedrock
        servesResponses = provider.spec.servesResponsesNatively
        format = switch provider.spec.kind {
        case .anthropic, .bedrock: .anthropic
        case .gemini: .gemini
        default: .openAI
        }
        if let aws = provider.spec.aws, let awsCredentials {
            signer = SigV4Signer(credentials: awsCredentials, region: aws.region)
        } else {
            signer = nil
        }
        azureAPIVersion = provider.spec.kind == .azureOpenAI
            ? provider.spec.apiVersion ?? ProviderSpec.defaultAzureAPIVersion : nil
        let parsed = provider.spec.effectiveBaseURL.flatMap(UpstreamTarget.parse(url:))
        target = parsed.map { egress.route($0.target, provider: provider) }
        var path = parsed?.path ?? ""
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
        self.apiKey = apiKey
        self.connectTimeout = connectTimeout
    }

    /// The path of the route serving `request` on this provider, for `upstreamModel` (Azure OpenAI names the
    /// deployment in the path).
    func path(for request: ClientRequest, upstreamModel: String) -> String {
        if isBedrock {
            return BedrockExchange.path(basePath: basePath, upstreamModel: upstreamModel, streaming: request.isStreaming)
        }
        if let version = azureAPIVersion {
            let operation = if case .embeddings = request { "embeddings" } else { "chat/completions" }
            // The version-less v1 API takes the model in the body, like OpenAI's.
            if version == "v1" { return basePath + "/openai/v1/" + operation }
            return basePath + "/openai/deployments/" + PercentEncoding.component(upstreamModel) + "/" + operation
                + "?api-version=" + version
        }
        return switch (format, request) {
        case (.anthropic, _):
            // Anthropic's base URL is the host; OpenAI-style base URLs already end in /v1.
            basePath.hasSuffix("/v1") ? basePath + "/messages" : basePath + "/v1/messages"
        case (.openAI, .embeddings): basePath + "/embeddings"
        case (.openAI, _): basePath + "/chat/completions"
        case (.gemini, _): geminiPath(for: request, upstreamModel: upstreamModel)
        }
    }

    /// The provider's Responses API route (Azure OpenAI's on its version-less `v1` API, the only one it is used on).
    var responsesPath: String {
        azureAPIVersion != nil ? basePath + "/openai/v1/responses" : basePath + "/responses"
    }

    /// Where Anthropic counts a prompt's tokens.
    var tokenCountPath: String {
        basePath.hasSuffix("/v1") ? basePath + "/messages/count_tokens" : basePath + "/v1/messages/count_tokens"
    }

    /// Authentication and protocol headers for this provider.
    /// `trace` adds a `traceparent` naming this upstream call's span (and the client's `tracestate`), so
    /// provider-side traces join ours: `spanID`,
    /// the attempt's span in the gateway's recorded trace, or a new one when the gateway records none.
    func headers(requestID: String, trace: TraceContext? = nil, spanID: String? = nil) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let target { headers.add(name: "host", value: target.hostHeader) }
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "accept", value: isBedrock
            ? "application/json, application/vnd.amazon.eventstream" : "application/json, text/event-stream")
        headers.add(name: "x-request-id", value: requestID)
        if let trace {
            headers.add(name: "traceparent", value: trace.traceparent(spanID: spanID ?? TraceContext.newSpanID()))
            if let state = trace.traceState { headers.add(name: "tracestate", value: state) }
        }
        switch format {
        case _ where isBedrock:
            break  // signed once the body is written (`BedrockExchange.sign`)
        case .openAI where azureAPIVersion != nil:
            if let apiKey { headers.add(name: "api-key", value: apiKey) }
        case .openAI:
            if let apiKey { headers.add(name: "authorization", value: "Bearer \(apiKey)") }
        case .anthropic:
            if let apiKey { headers.add(name: "x-api-key", value: apiKey) }
            headers.add(name: "anthropic-version", value: "2023-06-01")
        case .gemini:
            if let apiKey { headers.add(name: "x-goog-api-key", value: apiKey) }
        }
        return headers
    }
}
