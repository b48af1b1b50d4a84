import Foundation

/// CPU time a process has used, from Linux /proc.
enum ProcessCPU {
    /// utime + stime of `pid` in seconds (fields 14 and 15 of /proc/PID/stat); nil when the process is gone.
    static func seconds(_ pid: Int32) -> Double? {
        guard let fields = statFields(pid), fields.count > 12, let utime = Double(fields[11]), let stime = Double(fields[12]) else {
            return nil
        }
        return (utime + stime) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// CPU seconds of `pid` and every live descendant: a proxy may run its worker in a child process.
    static func treeSeconds(_ pid: Int32) -> Double? {
        guard let own = seconds(pid) else { return nil }
        var parents: [Int32: [Int32]] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let child = Int32(entry), let fields = statFields(child), fields.count > 1, let parent = Int32(fields[1]) else { continue }
            parents[parent, default: []].append(child)
        }
        var total = own
        var queue = parents[pid] ?? []
        while let next = queue.popLast() {
            total += seconds(next) ?? 0
            queue += parents[next] ?? []
        }
        return total
    }

    /// The fields of /proc/PID/stat after the command name (which may contain spaces), starting at the state.
    private static func statFields(_ pid: Int32) -> [Substring]? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ")
    }
}
