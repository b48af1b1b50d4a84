import Foundation

/// The time stamp of log lines, access log and diagnostics alike.
public enum LogTime {
    /// RFC 3339 in UTC with milliseconds: "2026-12-07T00:13:20.241Z".
    public static func rfc3339(_ epoch: Double) -> String {
        Date(timeIntervalSince1970: epoch).formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true)
                .timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
