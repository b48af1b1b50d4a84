import Foundation
import SwitchyardCore

#if canImport(Glibc)
import Glibc
#endif

/// Reads the gateway process's CPU time, memory, open files and start time from `/proc` (Linux), for the
/// `process_*` metrics; nil where `/proc` is not there to read.
enum ProcessSampler {
    static func sample() -> ProcessSample? {
        // Fields after the command name, which is in parentheses and may itself hold spaces or ')'.
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state): utime is field 14, stime 15, starttime 22, vsize 23, rss 24.
        func field(_ n: Int) -> Double? { fields.count > n - 3 ? Double(fields[n - 3]) : nil }
        guard let utime = field(14), let stime = field(15), let startTicks = field(22), let vsize = field(23),
              let rssPages = field(24) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        guard ticks > 0, pageSize > 0 else { return nil }
        let openFiles = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
        var limit = rlimit()
        let maxFiles = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 ? Int(clamping: limit.rlim_cur) : 0
        return ProcessSample(
            cpuSeconds: (utime + stime) / ticks, residentBytes: Int(saturating: rssPages * pageSize),
            virtualBytes: Int(saturating: vsize), openFiles: openFiles, maxFiles: maxFiles,
            startTime: bootTime().map { $0 + startTicks / ticks } ?? 0)
    }

    /// Seconds since the epoch at which the machine booted (`btime` in `/proc/stat`).
    private static func bootTime() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst("btime ".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}
