import SwitchyardCore

// Limits an earlier version stored beyond today's `InputBounds` are read as the bound (effectively unlimited):
// refusing to start over them would lock the operator out of the API that could change them.

extension RateLimits {
    /// Each limit clamped into `InputBounds.ratePerMinute`.
    var withinBounds: RateLimits {
        let range = InputBounds.ratePerMinute
        return RateLimits(rpm: rpm.map { $0.clamped(to: range) }, tpm: tpm.map { $0.clamped(to: range) })
    }
}

extension BudgetSpec {
    /// The limit clamped into `InputBounds.budgetDollars`.
    var withinBounds: BudgetSpec {
        var spec = self
        if spec.limit.isFinite { spec.limit = min(max(spec.limit, 0), InputBounds.budgetDollars.upperBound) }
        return spec
    }
}

extension Comparable {
    fileprivate func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
