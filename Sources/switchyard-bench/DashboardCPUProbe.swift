import ArgumentParser
import Foundation

/// CPU share of a running `switchyard` dashboard: the real binary in a private tmux server, its utime + stime
/// read from /proc before and after a sampling period. The figure covers the whole process (engine, demo
/// traffic and drawing).
struct DashboardCPUProbe {
    /// The `switchyard` executable, built beside this one.
    let binary: String

    /// Seconds of CPU per second of wall time, measured over `seconds` after `warmup` seconds.
    func share(fps: Int, rate: Double, warmup: Double, seconds: Double) throws -> Double {
        let socket = "switchyard-bench-\(getpid())"
        func tmux(_ args: String...) throws -> ChildProcess.Outcome {
            try ChildProcess.run(["tmux", "-L", socket] + args)
        }
        let command = "exec env LANG=C.UTF-8 TERM=tmux-256color '\(binary)' --fps \(fps) --rate \(rate) --seed 1"
        let started = try tmux("-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", "120", "-y", "40", command)
        guard started.status == 0 else { throw ValidationError("tmux could not start the dashboard: \(started.output)") }
        defer { _ = try? tmux("kill-server") }
        let listed = try tmux("list-panes", "-t", "bench", "-F", "#{pane_pid}")
        guard let pid = Int32(listed.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ValidationError("no pane process: \(listed.output)")
        }
        Thread.sleep(forTimeInterval: warmup)
        let screen = try tmux("capture-pane", "-p", "-t", "bench").output
        guard screen.contains("1 Providers") else {
            throw ValidationError("the dashboard did not come up; the screen was:\n\(screen)")
        }
        let wall0 = Stopwatch()
        let cpu0 = try cpuSeconds(pid)
        Thread.sleep(forTimeInterval: seconds)
        let cpu1 = try cpuSeconds(pid)
        return (cpu1 - cpu0) / wall0.seconds
    }

    private func cpuSeconds(_ pid: Int32) throws -> Double {
        guard let seconds = ProcessCPU.seconds(pid) else { throw ValidationError("the dashboard process \(pid) is gone") }
        return seconds
    }
}
