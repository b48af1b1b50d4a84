/// A request that passed admission control, on its way through the attempt loop.
struct AdmittedRequest: Sendable {
    let request: GatewayRequest
    /// Clock time the engine took the request.
    let start: Double
    /// The group the client asked for: request metrics and the request record are kept under it.
    let group: Int
    /// The group routing starts on: `group`, or the cheaper one a budget moved the request to.
    let routed: Int
    /// The reservation to settle when the request ends; nil without admission control.
    let ticket: AdmissionTicket?
    /// The requested model name when a budget downgraded the request.
    let downgradedFrom: String?
    /// The request's trace so far (ingress steps, admission); nil when nothing is traced.
    var trace: TraceBuilder? = nil

    /// Tags an answer with what admission decided: the rate-limit standing, a budget's downgrade or clamp.
    func annotate(_ response: inout GatewayResponse) {
        response.rateLimit = ticket?.rateLimit
        response.downgradedFrom = downgradedFrom
        response.clamp = ticket?.clamp
    }
}
