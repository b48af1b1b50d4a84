import SwitchyardWire

/// A request as the engine sees it, after ingress parsing and before routing.
public struct GatewayRequest: Sendable, Hashable {
    public var id: String
    /// The public model name the client asked for.
    public var model: String
    /// Virtual key name (not the secret) and its team, when known.
    public var key: String?
    public var team: String?
    /// Estimated prompt tokens (for cost reservation and simulated upstreams).
    public var inputTokens: Int
    /// Upper bound on completion tokens the client allows.
    public var maxOutputTokens: Int
    public var stream: Bool
    /// The operation the client asked for, parsed, for transports that forward it; nil for traffic that has no
    /// body to forward (the demo's generated requests, the engine's own tests).
    public var payload: ClientRequest?
    /// The Responses API request a `.chat` payload was translated from, for a deployment that takes it natively;
    /// nil for every other operation, and for answers that are judged or replayed as chat (task escalation).
    public var nativeResponses: ResponsesRequest?
    /// The W3C trace this request belongs to (the client's, continued, or a new one); upstream calls join it.
    public var trace: TraceContext?
    /// What the ingress measured before the engine took the request (parse and auth spans, the body), for its
    /// trace; nil when the request did not come through an ingress or nothing is traced.
    public var ingress: IngressTiming?
    /// The task the client named in `x-switchyard-task`, for a task-routed model.
    public var declaredTask: String?
    /// The calling key's metadata, which task rules may match on.
    public var keyMetadata: [String: String] = [:]
    /// Set by the engine when `model` was task-routed: the model the client named and how it was placed
    /// (`model` then names the serving group).
    public var task: TaskRoute?

    public init(
        id: String, model: String, key: String? = nil, team: String? = nil,
        inputTokens: Int, maxOutputTokens: Int = 1024, stream: Bool = false, payload: ClientRequest? = nil,
        trace: TraceContext? = nil, ingress: IngressTiming? = nil
    ) {
        self.trace = trace
        self.ingress = ingress
        self.id = id
        self.model = model
        self.key = key
        self.team = team
        self.inputTokens = inputTokens
        self.maxOutputTokens = maxOutputTokens
        self.stream = stream
        self.payload = payload
    }
}

/// Why the gateway could not serve a request, with the status a client expects.
public struct GatewayError: Error, Sendable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable {
        case invalidRequest, unknownModel, budgetExceeded, rateLimited, upstreamError, upstreamTimeout, unavailable
        /// No valid virtual key (401).
        case unauthorized
        /// The key or its team may not use this model (403).
        case forbidden
        /// The client disconnected before the answer (status 499, as nginx logs it).
        case cancelled
    }
    public var kind: Kind
    /// HTTP status: 400, 404, 429, 502, 503, 504 …
    public var status: Int
    public var message: String
    /// Seconds until a retry may succeed (429 when every deployment is cooling down).
    public var retryAfter: Double?
    /// Machine-readable cause for the error body's `code` ("budget_exceeded", "rate_limit_exceeded",
    /// "model_not_allowed", "invalid_api_key", "key_expired", "key_revoked" …).
    public var code: String?
    /// Rate-limit standing for `x-ratelimit-*` headers on a 429.
    public var rateLimit: RateLimitStatus?

    public init(
        kind: Kind, status: Int, message: String, retryAfter: Double? = nil, code: String? = nil,
        rateLimit: RateLimitStatus? = nil
    ) {
        self.kind = kind
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
        self.code = code
        self.rateLimit = rateLimit
    }
}

extension GatewayError {
    /// The 404 for a model name nobody serves, listing the ones that are.
    public static func unknownModel(_ name: String, available: [String]) -> GatewayError {
        GatewayError(kind: .unknownModel, status: 404,
                     message: "unknown model '\(name)'; available models: \(available.joined(separator: ", "))")
    }
}

/// The outcome of one request after the whole attempt loop.
public struct GatewayResponse: Sendable {
    public var requestID: String
    /// The success of the attempt that answered, or the error given to the client.
    public var result: Result<UpstreamSuccess, GatewayError>
    /// The deployment that answered, if any.
    public var servedBy: DeploymentSpec?
    /// Every attempt made, in order.
    public var attempts: [AttemptRecord]
    /// Dollars charged (the answering attempt only).
    public var cost: Double
    /// Set when the answer is a stream still flowing: finish it (once) when the stream ends.
    public var lease: StreamLease?
    /// Rate-limit standing after admission, for `x-ratelimit-*` headers.
    public var rateLimit: RateLimitStatus?
    /// The model group the client asked for, when a budget moved the request to a cheaper one.
    public var downgradedFrom: String?
    /// The completion ceiling a budget lowered the request to, when one did.
    public var clamp: TokenClamp?
    /// How a request to a task-routed model was placed, when it was.
    public var task: TaskRoute?
    /// The group whose answer failed a task model's checks, when a stronger one answered instead.
    public var escalatedFrom: String?
    /// The request's finished trace, handed back for the ingress to add its response write to and record (see
    /// `GatewayEngine.file`); nil when the engine recorded it itself, or nothing is traced, or the answer still
    /// streams (its lease finishes the trace).
    public var trace: RequestTrace?
    /// The request's summary as recorded (the requests pane's row; an access log's line); nil while the answer
    /// still streams (finishing the lease returns it).
    public var record: RequestRecord?

    public init(
        requestID: String, result: Result<UpstreamSuccess, GatewayError>, servedBy: DeploymentSpec?,
        attempts: [AttemptRecord], cost: Double, lease: StreamLease? = nil
    ) {
        self.requestID = requestID
        self.result = result
        self.servedBy = servedBy
        self.attempts = attempts
        self.cost = cost
        self.lease = lease
    }

    /// HTTP status the client gets.
    public var status: Int {
        switch result {
        case .success: 200
        case .failure(let e): e.status
        }
    }
}

/// Anything that serves gateway requests (the engine; wrappers in tests and the demo).
public protocol RequestHandler: Sendable {
    func handle(_ request: GatewayRequest) async -> GatewayResponse
}
