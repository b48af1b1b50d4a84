/// How an upstream attempt ended, as the `outcome` label of `switchyard_upstream_attempts_total`.
public enum AttemptOutcomeClass: String, Sendable, Codable, CaseIterable, Hashable {
    case ok
    case rateLimited = "429"
    case server = "5xx"
    case timeout
    case connect
    case other
    /// The upstream refused the gateway's credential.
    case credential = "auth"
    /// The client left before the attempt ended; not held against the deployment.
    case cancelled

    /// The outcome class of a failed attempt.
    public init(_ errorClass: ErrorClass) {
        switch errorClass {
        case .rateLimited: self = .rateLimited
        case .server: self = .server
        case .timeout: self = .timeout
        case .connect: self = .connect
        case .other: self = .other
        case .credential: self = .credential
        }
    }

    /// Number of classes, for flat per-class counters.
    static let count = 8

    /// Dense index for flat counters, in `allCases` order.
    var ordinal: Int {
        switch self {
        case .ok: 0
        case .rateLimited: 1
        case .server: 2
        case .timeout: 3
        case .connect: 4
        case .other: 5
        case .credential: 6
        case .cancelled: 7
        }
    }
}
