/// An upstream call outlasted one of its limits.
struct TimeoutError: Error, Sendable {
    /// Which limit ran out.
    enum Limit: Sendable {
        case firstToken, response, total
    }

    let seconds: Double
    var limit: Limit = .firstToken
}
