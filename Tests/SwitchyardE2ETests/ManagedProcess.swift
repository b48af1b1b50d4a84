import Foundation
import Synchronization

/// A child process for end-to-end tests: its output is collected, lines can be awaited, and it is
/// terminated when the test lets go of it.
final class ManagedProcess: @unchecked Sendable {
    let process = Process()
    private let output = CollectedText()
    private let pipe = Pipe()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = pipe
        process.standardError = pipe
        let output = self.output
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            guard !data.isEmpty else {
                handle.readabilityHandler = nil
                output.close()
                return
            }
            output.append(String(decoding: data, as: UTF8.self))
        }
        try process.run()
    }

    deinit { stop() }

    /// Everything the process printed so far (stdout and stderr).
    var text: String { output.value }

    /// Waits until the output matches `pattern` and returns its first capture group.
    func waitFor(_ pattern: String, timeout: Double = 30) async throws -> String {
        let regex = try NSRegularExpression(pattern: pattern)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let current = text
            let range = NSRange(current.startIndex..., in: current)
            if let match = regex.firstMatch(in: current, range: range) {
                let group = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
                if let r = Range(group, in: current) { return String(current[r]) }
            }
            if !process.isRunning {
                throw Failure(description: "process exited (\(process.terminationStatus)) before printing /\(pattern)/:\n\(current)")
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw Failure(description: "timed out waiting for /\(pattern)/; output:\n\(text)")
    }

    /// Waits for the process to exit by itself; returns its status.
    func wait(timeout: Double) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { throw Failure(description: "still running after \(timeout) s; output:\n\(text)") }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        // The output is read on another thread: wait for its end (a loaded machine can take a while to deliver it).
        let drained = Date().addingTimeInterval(10)
        while !output.isClosed, Date() < drained { try await Task.sleep(nanoseconds: 10_000_000) }
        return process.terminationStatus
    }

    /// SIGTERM, then SIGKILL if it lingers; waits without holding a thread.
    func terminate() async {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { try? await Task.sleep(nanoseconds: 20_000_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// SIGTERM, then SIGKILL if it lingers (blocking: for `deinit`).
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Runs `switchyard ctl ARGUMENTS --socket SOCKET` with `binary` to completion: its status and everything it printed.
func ctl(_ binary: String, _ socket: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
    let process = try ManagedProcess(binary, ["ctl"] + arguments + ["--socket", socket])
    let status = try await process.wait(timeout: 30)
    return (status, process.text)
}

/// Text appended from a reader thread and read from the test.
final class CollectedText: Sendable {
    private let text = Mutex("")
    private let closed = Mutex(false)
    func append(_ more: String) { text.withLock { $0 += more } }
    var value: String { text.withLock { $0 } }
    /// Marks the end of the output (the writer closed its end).
    func close() { closed.withLock { $0 = true } }
    /// Whether all of the output has arrived.
    var isClosed: Bool { closed.withLock { $0 } }
}

/// Where things live: the package root (from this file's path) and a scratch directory.
enum TestPaths {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func scratch(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("switchyard-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
