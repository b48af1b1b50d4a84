import Foundation

extension TraceAttribute {
    /// A numeric attribute, written in plain decimal (never `1e-06`), at most 12 decimals.
    public init(_ key: String, number: Double) {
        self.init(key, TraceAttribute.decimal(number))
    }

    /// A duration attribute in seconds, to the microsecond.
    public init(_ key: String, seconds: Double) {
        self.init(key, TraceAttribute.decimal((seconds * 1_000_000).rounded() / 1_000_000))
    }

    /// An integer attribute.
    public init(_ key: String, int: Int) {
        self.init(key, String(int))
    }

    /// `value` in plain decimal: integers without a fraction, others without an exponent.
    static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let plain = "\(value)"
        guard plain.utf8.contains(UInt8(ascii: "e")) else { return plain }
        if abs(value) < 1 {
            // Small amounts (a request's cost: 2.6e-05) in twelve decimals by integer arithmetic; `String(format:)`
            // costs more than the rest of a trace's attributes together.
            let units = Int((abs(value) * 1e12).rounded())
            var digits = String(units)
            if digits.count < 12 { digits = String(repeating: "0", count: 12 - digits.count) + digits }
            while digits.hasSuffix("0") { digits.removeLast() }
            let integral = digits.count > 12 ? "1" : "0"
            if digits.count > 12 { digits = "" }
            let sign = value < 0 && (integral == "1" || !digits.isEmpty) ? "-" : ""
            return sign + integral + (digits.isEmpty ? "" : "." + digits)
        }
        var fixed = String(format: "%.12f", value)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        if fixed.hasSuffix(".") { fixed.removeLast() }
        return fixed
    }
}
