import Foundation
import SwitchyardCore

/// Times as operators type them: epoch seconds, ISO dates and datetimes, or durations such as `30m`, `24h`, `7d`.
public enum TimeArgument {
    /// Seconds in `text` when it is a duration with units (`30m`, `1h30m`, `7d`, `2w`); a bare number is a
    /// point in time here, not a duration.
    public static func duration(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard trimmed.last?.isLetter == true, let seconds = DurationText.seconds(trimmed), seconds > 0 else {
            return nil
        }
        return seconds
    }

    /// Epoch seconds of `text` when it is a point in time: epoch digits, `YYYY-MM-DD` (midnight UTC), or an ISO
    /// datetime (`2026-12-31T18:00:00Z`, with an offset, with fractions, or without a zone meaning UTC).
    public static func instant(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let epoch = Double(trimmed), epoch.isFinite, trimmed.first?.isNumber == true { return epoch }
        let iso = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds],
        ] {
            iso.formatOptions = options
            if let date = iso.date(from: trimmed) { return date.timeIntervalSince1970 }
        }
        // The formatter accepts a date with anything after it, so a bare date is only ever exactly one.
        if trimmed.count == 10 {
            iso.formatOptions = [.withFullDate]
            return iso.date(from: trimmed)?.timeIntervalSince1970
        }
        // No zone: read as UTC, like the dates of the ledger and the audit log.
        iso.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        iso.timeZone = TimeZone(identifier: "UTC")
        let local = trimmed.replacingOccurrences(of: " ", with: "T")
        return iso.date(from: local)?.timeIntervalSince1970
    }

    /// A report bound: a duration counts back from `now`, anything else is a point in time; nil when neither.
    public static func past(_ text: String, now: Double) -> Double? {
        if let seconds = duration(text) { return now - seconds }
        return instant(text)
    }

    /// An expiry: a duration counts forward from `now`, anything else is a point in time; nil when neither.
    public static func future(_ text: String, now: Double) -> Double? {
        if let seconds = duration(text) { return now + seconds }
        return instant(text)
    }

    /// What `past`/`future` accept, for error messages.
    public static let accepted = "epoch seconds, a date (2026-12-31), an ISO datetime (2026-12-31T18:00:00Z) or a duration (30m, 1h30m, 7d)"
}
