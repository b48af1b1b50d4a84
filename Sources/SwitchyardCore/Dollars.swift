import Foundation

/// How messages and logs write an amount of dollars, so every one reads the same.
public enum Dollars {
    /// "$100.00"; amounts under a dollar keep enough digits to not read as zero ("$0.500", "$0.0042").
    public static func text(_ amount: Double) -> String {
        guard amount.isFinite else { return "$\(amount)" }
        let magnitude = abs(amount)
        let digits = magnitude == 0 || magnitude >= 1 ? 2 : (magnitude >= 0.01 ? 3 : 4)
        return "$" + String(format: "%.\(digits)f", amount)
    }
}
