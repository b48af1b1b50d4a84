/// Which failure classes a request ran into, to choose the status given to the client.
struct FailureTally {
    var rateLimited = 0
    var timeouts = 0
    var other = 0
    /// Of `other`: connections refused or dropped before any answer.
    var connects = 0
    /// Of `other`: the upstream refused the gateway's credential.
    var credentials = 0

    mutating func add(_ f: UpstreamFailure) {
        switch f.errorClass {
        case .rateLimited: rateLimited += 1
        case .timeout: timeouts += 1
        case .connect:
            other += 1
            connects += 1
        case .credential:
            other += 1
            credentials += 1
        default: other += 1
        }
    }

    var isEmpty: Bool { rateLimited + timeouts + other == 0 }
}
