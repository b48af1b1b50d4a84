/// The ranges that numbers from clients, configuration files and operators must fall in.
///
/// Each bound is far beyond any real use and far below where arithmetic on it (token sums over a window,
/// tokens × price, weights summed over a group) could overflow or stop meaning anything. The edges — the
/// ingress, the config reader, the control and governance APIs, stored state — reject what falls outside with a
/// message naming the field; the arithmetic inside then never traps.
public enum InputBounds {
    /// Tokens of one request: `max_tokens`, `max_completion_tokens`, `default_max_tokens`, `context_window`.
    /// The largest real output caps are ~10⁵–10⁶; 10⁸ leaves room and keeps every sum exact in a Double.
    public static let tokens = 1...100_000_000

    /// A deployment's routing weight (0 takes it out of rotation).
    public static let weight = 0.0...1_000_000.0

    /// Requests or tokens per minute of a key's or team's rate limit.
    public static let ratePerMinute = 0...1_000_000_000_000

    /// Dollars of one budget's limit.
    public static let budgetDollars = 0.0...1_000_000_000_000.0

    /// Dollars per million tokens of a price.
    public static let pricePerMillionTokens = 0.0...1_000_000.0

    /// Seconds of a configured duration (timeouts, cool-downs): one day at most.
    public static let durationSeconds = 0.0...86_400.0

    /// Completion choices of one chat request (`n`); OpenAI's own limit.
    public static let choices = 1...128

    /// "from A to B" for a message about a number outside `range`.
    public static func describe(_ range: ClosedRange<Int>) -> String {
        "from \(range.lowerBound) to \(range.upperBound)"
    }

    /// "from A to B" for a message about a number outside `range`.
    public static func describe(_ range: ClosedRange<Double>) -> String {
        "from \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound))"
    }

    /// Whole numbers without a decimal point, however large; anything else as Swift prints it.
    public static func format<T>(_ value: T) -> String {
        if let d = value as? Double { return formatNumber(d) }
        return "\(value)"
    }

    /// A Double as an operator typed it: `5`, `0.25`, `1e+19`, never a trap on a value no Int holds.
    public static func formatNumber(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

extension Int {
    /// `value` rounded toward zero and clamped to Int's range; NaN is 0. For counts read from floating sums.
    public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9.2e18 {
            self = .max
        } else if value <= -9.2e18 {
            self = .min
        } else {
            self = Int(value)
        }
    }
}
