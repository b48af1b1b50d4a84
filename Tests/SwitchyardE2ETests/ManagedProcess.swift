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
        output.startReading(pipe.fileHandleForReading)
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

/// A child's output, read by a thread of its own with blocking reads until end of file. Only a read of zero bytes
/// ends it: a `FileHandle` readability handler once found an empty read before the end and cut a 16 KB output
/// after its first chunk.
final class CollectedText: Sendable {
    private let text = Mutex("")
    private let closed = Mutex(false)

    /// Reads `handle` on a new thread until the writer's end closes; `handle` must outlive the reading.
    func startReading(_ handle: FileHandle) {
        let fd = handle.fileDescriptor
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var pending: [UInt8] = []
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                pending += buffer[0..<count]
                // Whole characters only: a multi-byte one split across reads waits for its rest.
                let cut = Self.completePrefix(pending)
                text.withLock { $0 += String(decoding: pending[..<cut], as: UTF8.self) }
                pending.removeFirst(cut)
            }
            text.withLock { $0 += String(decoding: pending, as: UTF8.self) }
            closed.withLock { $0 = true }
        }
    }

    /// How many leading bytes of `bytes` end on a character boundary (all but an incomplete UTF-8 sequence at the end).
    static func completePrefix(_ bytes: [UInt8]) -> Int {
        var lead = bytes.count - 1
        while lead >= 0, bytes.count - lead <= 4, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        guard lead >= 0 else { return bytes.count }
        let byte = bytes[lead]
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        return bytes.count - lead < length ? lead : bytes.count
    }

    var value: String { text.withLock { $0 } }
    /// Whether all of the output has arrived (the writer closed its end).
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
