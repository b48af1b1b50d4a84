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

extension BudgetPeriod {
    /// The time zone for `identifier`, or UTC when the identifier is unknown (a config mistake must not crash).
    public static func resolveTimeZone(_ identifier: String) -> TimeZone {
        TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0) ?? TimeZone.current
    }

    /// Epoch seconds at which the period containing `time` starts in `timeZone`; 0 for `total` (all time).
    public func periodStart(containing time: Double, timeZone: TimeZone) -> Double {
        guard let bounds = bounds(containing: time, timeZone: timeZone) else { return 0 }
        return bounds.start
    }

    /// Epoch seconds at which the period containing `time` ends in `timeZone`; nil for `total`, which never resets.
    public func periodEnd(containing time: Double, timeZone: TimeZone) -> Double? {
        bounds(containing: time, timeZone: timeZone)?.end
    }

    /// `periodStart(containing:timeZone:)` for an IANA identifier; unknown identifiers fall back to UTC.
    public func periodStart(containing time: Double, timeZone identifier: String) -> Double {
        periodStart(containing: time, timeZone: Self.resolveTimeZone(identifier))
    }

    /// `periodEnd(containing:timeZone:)` for an IANA identifier; unknown identifiers fall back to UTC.
    public func periodEnd(containing time: Double, timeZone identifier: String) -> Double? {
        periodEnd(containing: time, timeZone: Self.resolveTimeZone(identifier))
    }

    /// Start and end of the period containing `time`, by a gregorian calendar in `timeZone` (weeks start Monday).
    private func bounds(containing time: Double, timeZone: TimeZone) -> (start: Double, end: Double)? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        let date = Date(timeIntervalSince1970: time)
        let day = calendar.startOfDay(for: date)
        let start: Date
        let end: Date?
        switch self {
        case .total:
            return nil
        case .daily:
            start = day
            end = calendar.date(byAdding: .day, value: 1, to: day).map { calendar.startOfDay(for: $0) }
        case .weekly:
            // .weekday is 1 for Sunday; Monday is day 0 of the week.
            let offset = (calendar.component(.weekday, from: day) + 5) % 7
            let monday = calendar.date(byAdding: .day, value: -offset, to: day).map { calendar.startOfDay(for: $0) }
            start = monday ?? day
            end = calendar.date(byAdding: .day, value: 7, to: start).map { calendar.startOfDay(for: $0) }
        case .monthly:
            let parts = calendar.dateComponents([.year, .month], from: date)
            start = calendar.date(from: parts) ?? day
            end = calendar.date(byAdding: .month, value: 1, to: start)
        }
        // A calendar that cannot step forward is not expected; a day later keeps the budget resetting regardless.
        let endSeconds = end?.timeIntervalSince1970 ?? (start.timeIntervalSince1970 + 86_400)
        return (start.timeIntervalSince1970, max(endSeconds, time + 1))
    }
}
