/// What one request's routing has gathered so far: its attempts, the failures behind them, the answer once
/// there is one. Owned by `GatewayEngine.route` for the request's life and passed down to each step.
struct RouteRun {
    var attempts: [AttemptRecord] = []
    var tally = FailureTally()
    /// The last retryable failure and where it happened: the reason given for the next move.
    var previous: (deployment: Int, group: Int, failure: UpstreamFailure)?
    var served: (deployment: Int, success: UpstreamSuccess, cost: Double)?
    /// The error the client gets when no deployment answered for a reason other than exhaustion.
    var clientError: GatewayError?
    var trace: TraceBuilder?

    init(trace: TraceBuilder?) {
        self.trace = trace
        attempts.reserveCapacity(4)
    }
}
