import Foundation

/// A process the benchmark starts (simulator, gateway, wrk), its output collected.
final class Subprocess: @unchecked Sendable {
    let process = Process()
    private let pipe = Pipe()
    private let lock = NSLock()
    private var collected = ""

    /// Starts `executable`; `environment` entries are added to (or replace) this process's environment, and the
    /// `unsetting` variables are removed from it.
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], unsetting: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty || !unsetting.isEmpty {
            var merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            unsetting.forEach { merged[$0] = nil }
            process.environment = merged
        }
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else {
                handle.readabilityHandler = nil
                return
            }
            self.lock.withLock { self.collected += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    deinit { stop() }

    var output: String { lock.withLock { collected } }

    /// Waits for `pattern` in the output; returns its first capture group.
    func waitFor(_ pattern: String, timeout: Double = 30) throws -> String {
        let regex = try NSRegularExpression(pattern: pattern)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = output
            if let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
               let r = Range(m.range(at: m.numberOfRanges > 1 ? 1 : 0), in: text) {
                return String(text[r])
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw BenchError("\(process.executableURL?.lastPathComponent ?? "process") never printed /\(pattern)/:\n\(output)")
    }

    func waitUntilExit() -> Int32 {
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.05)
        return process.terminationStatus
    }

    /// SIGTERM, then SIGKILL after `grace` seconds: a child started from this process inherits its blocked
    /// signals, and one that never unblocks SIGTERM (the Python proxy) would otherwise never exit.
    func stop(grace: Double = 5) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// User + system CPU seconds the process (and any children it started) has used so far.
    var cpuSeconds: Double { ProcessCPU.treeSeconds(process.processIdentifier) ?? 0 }
}

/// A benchmark set-up failure, said plainly.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The `switchyard` binary built next to this benchmark (same configuration).
func siblingSwitchyard() throws -> String {
    guard let path = ChildProcess.sibling("switchyard") else {
        throw BenchError("no switchyard binary beside this one: build it first (swift build -c release --product switchyard)")
    }
    return path
}
