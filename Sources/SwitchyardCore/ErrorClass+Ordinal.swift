extension ErrorClass {
    /// Number of error classes, for flat per-class arrays.
    static let count = 6

    /// Dense index for per-class counters.
    var ordinal: Int {
        switch self {
        case .rateLimited: 0
        case .server: 1
        case .timeout: 2
        case .connect: 3
        case .other: 4
        case .credential: 5
        }
    }

    /// Class of a gateway error given to a client, for request-level metrics.
    static func of(_ error: GatewayError) -> ErrorClass {
        switch error.status {
        case 429: .rateLimited
        case 504: .timeout
        case 500...599: .server
        default: .other
        }
    }
}
