import Foundation
import SwitchyardCore

/// Compact number, time and money formatting for dense table cells. Total: any Double, however large or odd,
/// formats without trapping (a budget or weight from a hostile operator must not take the dashboard down).
public enum Format {
    /// "3", "2.5", "0.25": no trailing zeros.
    public static func number(_ v: Double) -> String {
        if v == v.rounded() { return InputBounds.formatNumber(v) }
        var s = String(format: "%.2f", v)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }

    /// Requests per second: "412", "12.3", "0.40".
    public static func rate(_ v: Double) -> String {
        if v >= 100 { return String(format: "%.0f", v) }
        if v >= 10 { return String(format: "%.1f", v) }
        return String(format: "%.2f", v)
    }

    /// A 0…1 fraction as a percentage: "1.2%", "34%".
    public static func percent(_ f: Double) -> String {
        let p = f * 100
        if p == 0 { return "0%" }
        if p < 10 { return String(format: "%.1f%%", p) }
        return String(format: "%.0f%%", p)
    }

    /// Milliseconds as a latency with its unit, in at most 5 columns: "842ms", "4.1s", "14s", "12m", "3h".
    /// Every latency on screen carries its unit, so neighbouring columns never mix bare milliseconds and seconds.
    public static func latency(_ v: Double) -> String {
        guard v.isFinite else { return "-" }
        let ms = max(0, v)
        if ms < 999.5 { return "\(Int(saturating: ms.rounded()))ms" }
        if ms < 9_950 { return String(format: "%.1fs", ms / 1000) }
        if ms < 99_500 { return "\(Int(saturating: (ms / 1000).rounded()))s" }
        if ms < 5_970_000 { return "\(Int(saturating: (ms / 60_000).rounded()))m" }
        return "\(Int(saturating: (ms / 3_600_000).rounded()))h"
    }

    /// Dollars in few columns: "$3.41", "$51.2", "$412", "$1.2k", "$10k".
    public static func dollarsShort(_ v: Double) -> String {
        if v >= 10_000 { return "$\(Int(saturating: (v / 1000).rounded()))k" }
        if v >= 1000 { return "$" + String(format: "%.1f", v / 1000).replacingOccurrences(of: ".0", with: "") + "k" }
        if v >= 100 || (v >= 10 && v == v.rounded()) { return "$\(Int(saturating: v.rounded()))" }
        if v >= 10 { return String(format: "$%.1f", v) }
        return String(format: "$%.2f", v)
    }

    /// A configured amount such as a budget limit, without trailing zeros: "$5", "$2.5", "$120", "$1k", "$1.5k".
    public static func dollarsRound(_ v: Double) -> String {
        func trimmed(_ x: Double) -> String {
            var s = String(format: "%.2f", x)
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
            return s
        }
        if v.rounded() >= 1000 { return "$" + trimmed((v / 100).rounded() / 10) + "k" }
        if v >= 100 { return "$\(Int(saturating: v.rounded()))" }
        return "$" + trimmed(v)
    }

    /// Seconds as a short duration: "842ms", "1.42s", "12.3s".
    public static func seconds(_ s: Double) -> String {
        if s < 1 { return "\(Int(saturating: (s * 1000).rounded()))ms" }
        if s < 10 { return String(format: "%.2fs", s) }
        return String(format: "%.1fs", s)
    }

    /// Seconds with precision for short steps: "40µs", "2.5ms", "842ms", "1.42s", "12.3s".
    public static func spanTime(_ s: Double) -> String {
        guard s.isFinite else { return "-" }
        let v = max(0, s)
        if v < 0.001 { return "\(Int(saturating: (v * 1_000_000).rounded()))µs" }
        if v < 0.01 { return String(format: "%.1fms", v * 1000) }
        return seconds(v)
    }

    /// Dollars: "$3.41", "$0.0123", "$51.2", "$412", "$1204".
    public static func dollars(_ v: Double) -> String {
        if v >= 100 { return "$" + String(Int(saturating: v.rounded())) }
        if v >= 10 { return String(format: "$%.1f", v) }
        if v >= 0.1 { return String(format: "$%.2f", v) }
        if v == 0 { return "$0" }
        return String(format: "$%.4f", v)
    }

    /// Token counts: "842", "1.2k", "32k", "1.5M".
    public static func tokens(_ n: Int) -> String {
        if n < 1000 { return String(n) }
        if n < 10_000 { return String(format: "%.1fk", Double(n) / 1000) }
        if n < 1_000_000 { return "\(n / 1000)k" }
        return String(format: "%.1fM", Double(n) / 1_000_000)
    }

    /// A duration as its two largest units: "7d 4h", "3h 12m", "42m", "30s".
    public static func duration(_ s: Double) -> String {
        let t = Int(saturating: max(0, s))
        let d = t / 86400, h = (t % 86400) / 3600, m = (t % 3600) / 60
        if d > 0 { return "\(d)d \(h)h" }
        if h > 0 { return "\(h)h \(m)m" }
        if m > 0 { return "\(m)m" }
        return "\(t)s"
    }

    /// A spend rate with cents while it is small: "$12.40/h", "$0.42/h", "$412/h", "$1.2k/h".
    public static func dollarsPerHour(_ v: Double) -> String {
        if v >= 1000 { return dollarsShort(v) + "/h" }
        if v >= 100 { return "$\(Int(saturating: v.rounded()))/h" }
        return String(format: "$%.2f/h", v)
    }

    /// A duration as its largest unit only, for tight cells: "6d", "14h", "42m", "30s".
    public static func durationShort(_ s: Double) -> String {
        let t = Int(saturating: max(0, s))
        if t >= 86400 { return "\(t / 86400)d" }
        if t >= 3600 { return "\(t / 3600)h" }
        if t >= 60 { return "\(t / 60)m" }
        return "\(t)s"
    }

    /// The first of `candidates` that fits in `width` columns, else the last (shortest) one.
    public static func fitting(_ candidates: [String], width: Int) -> String {
        candidates.first { $0.count <= width } ?? candidates.last ?? ""
    }

    /// Wall-clock "HH:MM:SS" of epoch seconds, shifted by `utcOffset` seconds.
    public static func clock(_ epoch: Double, utcOffset: Int) -> String {
        let t = ((Int(saturating: epoch.rounded(.down)) % 86400 + utcOffset % 86400) % 86400 + 86400) % 86400
        return String(format: "%02d:%02d:%02d", t / 3600, (t % 3600) / 60, t % 60)
    }

    /// Pads or cuts `s` to exactly `width` columns (left-aligned).
    public static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? String(s.prefix(width)) : s + String(repeating: " ", count: width - s.count)
    }
}
