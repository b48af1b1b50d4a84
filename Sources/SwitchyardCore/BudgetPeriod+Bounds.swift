import Foundation

extension BudgetPeriod {
    /// Epoch seconds at which the period containing `time` ends (UTC); nil for `total`, which never resets.
    public func periodEnd(containing time: Double) -> Double? {
        let day = 86_400.0
        switch self {
        case .total:
            return nil
        case .daily:
            return ((time / day).rounded(.down) + 1) * day
        case .weekly:
            // 1970-01-01 was a Thursday; weeks start on Monday.
            let days = (time / day).rounded(.down)
            let weekday = (Int(days) + 3).quotientAndRemainder(dividingBy: 7).remainder
            let monday = days - Double(weekday < 0 ? weekday + 7 : weekday)
            return (monday + 7) * day
        case .monthly:
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
            let date = Date(timeIntervalSince1970: time)
            let parts = calendar.dateComponents([.year, .month], from: date)
            guard let start = calendar.date(from: parts),
                  let next = calendar.date(byAdding: .month, value: 1, to: start)
            else { return ((time / day).rounded(.down) + 31) * day }
            return next.timeIntervalSince1970
        }
    }
}
