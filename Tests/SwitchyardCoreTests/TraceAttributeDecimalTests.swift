import Foundation
import Testing
@testable import SwitchyardCore

/// Trace attributes print numbers in plain decimal, never with an exponent; small amounts are formatted without
/// Foundation and must read exactly as `%.12f` with its trailing zeros trimmed would.
@Suite struct TraceAttributeDecimalTests {
    static func reference(_ value: Double) -> String {
        var fixed = String(format: "%.12f", value)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        if fixed.hasSuffix(".") { fixed.removeLast() }
        return fixed == "-0" ? "0" : fixed
    }

    @Test(arguments: [2.6e-05, 1e-05, -3.25e-07, 9.99999999999e-05, 1e-13, 4e-13, 6e-13, 9.9999999999995e-05, -1e-14])
    func smallAmountsMatchFixedPoint(value: Double) {
        #expect(TraceAttribute.decimal(value) == Self.reference(value), "\(value)")
    }

    @Test func plainValuesStayPlain() {
        #expect(TraceAttribute.decimal(42) == "42")
        #expect(TraceAttribute.decimal(0.25) == "0.25")
        #expect(TraceAttribute.decimal(-1.5) == "-1.5")
        #expect(TraceAttribute.decimal(.nan) == "nan")
        #expect(TraceAttribute.decimal(1e20) == Self.reference(1e20))
    }
}
