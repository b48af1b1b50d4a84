import SwitchyardWire

/// Error classes the metrics and the retry policy distinguish.
public enum ErrorClass: String, Sendable, Codable, CaseIterable, Hashable {
    case rateLimited = "429"
    case server = "5xx"
    case timeout
    case connect
    case other
    /// The upstream refused the gateway's own credential (401/403): the deployment's fault, not the client's.
    case credential = "auth"

    /// Whether a failure of this class may be retried on the same or another deployment.
    public var isRetryable: Bool {
        switch self {
        case .rateLimited, .server, .timeout, .connect, .credential: true
        case .other: false
        }
    }

    /// Classifies an HTTP status returned by an upstream.
    public static func classify(status: Int) -> ErrorClass {
        switch status {
        case 429: .rateLimited
        case 401, 403: .credential
        case 500...599: .server
        case 408: .timeout
        default: .other
        }
    }
}

/// One call to one deployment, as the engine hands it to a transport.
public struct UpstreamCall: Sendable {
    public var request: GatewayRequest
    public var deployment: DeploymentSpec
    /// 1-based attempt number within the request.
    public var attempt: Int
    /// The attempt's span id in the request's trace: sent upstream in `traceparent` so the provider's spans join.
    public var spanID: String?

    public init(request: GatewayRequest, deployment: DeploymentSpec, attempt: Int, spanID: String? = nil) {
        self.request = request
        self.deployment = deployment
        self.attempt = attempt
        self.spanID = spanID
    }
}

/// The response itself, already in the client's wire format, as a transport that forwards bodies hands it back;
/// the engine only carries it.
public enum UpstreamBody: Sendable {
    /// A complete response.
    case complete(ClientReply)
    /// A response still streaming (its first event has arrived). The request is settled with
    /// `GatewayEngine.settle` when the stream ends, so tokens, cost and latency count the whole stream.
    case stream(ClientStream)
}

/// What a successful upstream call produced.
public struct UpstreamSuccess: Sendable, Hashable {
    public var inputTokens: Int
    public var outputTokens: Int
    /// Seconds from sending to the first token (streams), if known.
    public var timeToFirstToken: Double?
    /// The response for the client, when the transport carries one (not part of equality).
    public var body: UpstreamBody?
    /// Seconds from sending to the response head (status and headers), when the transport can tell; traces
    /// show it next to the total to separate a slow provider from a slow body.
    public var timeToHead: Double?

    public init(
        inputTokens: Int, outputTokens: Int, timeToFirstToken: Double? = nil, body: UpstreamBody? = nil,
        timeToHead: Double? = nil
    ) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.timeToFirstToken = timeToFirstToken
        self.body = body
        self.timeToHead = timeToHead
    }

    public static func == (a: UpstreamSuccess, b: UpstreamSuccess) -> Bool {
        a.inputTokens == b.inputTokens && a.outputTokens == b.outputTokens && a.timeToFirstToken == b.timeToFirstToken
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(inputTokens)
        hasher.combine(outputTokens)
        hasher.combine(timeToFirstToken)
    }

    /// Whether the response is still streaming and awaits settlement.
    public var isStreaming: Bool {
        if case .stream = body { return true }
        return false
    }
}

/// A failed upstream call, classified.
public struct UpstreamFailure: Error, Sendable, Hashable {
    public var errorClass: ErrorClass
    /// HTTP status when the upstream answered; nil for timeouts and connection failures.
    public var status: Int?
    /// Seconds the upstream asked us to wait (`retry-after`).
    public var retryAfter: Double?
    public var message: String

    public init(errorClass: ErrorClass, status: Int? = nil, retryAfter: Double? = nil, message: String) {
        self.errorClass = errorClass
        self.status = status
        self.retryAfter = retryAfter
        self.message = message
    }

    /// Retryable unless the upstream rejected the request itself (400, 401, 403, 404, 413, 422 …).
    public var isRetryable: Bool { errorClass.isRetryable }

    /// The short cause fallback events and trace spans give: "503", "429", "timeout", "connect".
    var shortReason: String { status.map(String.init) ?? errorClass.rawValue }
}

/// The seam between the engine and the world: HTTP to real providers, or the simulator.
public protocol UpstreamTransport: Sendable {
    /// Performs one attempt. Implementations never throw: every failure is classified.
    func send(_ call: UpstreamCall) async -> Result<UpstreamSuccess, UpstreamFailure>
}

/// Counting a prompt's tokens on the provider that would serve it (Anthropic's `count_tokens`): free, not billed
/// and not an attempt, so it sits beside `send` rather than going through routing.
public protocol TokenCountingTransport: Sendable {
    /// The provider's count of `request`'s prompt on `deployment`, or why it could not be had.
    func countTokens(_ request: CountTokensRequest, deployment: DeploymentSpec, requestID: String) async
        -> Result<Int, UpstreamFailure>
}
