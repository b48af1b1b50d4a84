/// Requests answered with one HTTP status code.
public struct StatusCount: Sendable, Hashable {
    /// The HTTP status code, 100…599 (0 for anything outside that range).
    public var code: Int
    /// Requests answered with it.
    public var count: UInt64

    /// Creates a count for a status code.
    public init(code: Int, count: UInt64) {
        self.code = code
        self.count = count
    }

    /// The status class: "2xx", "4xx", "5xx" … ("other" for an out-of-range code).
    public var statusClass: String { (100...599).contains(code) ? "\(code / 100)xx" : "other" }
}
