import Foundation

/// What one `switchyard ctl` run left behind.
struct CtlRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The `switchyard` executable built next to the test runner (or `SWITCHYARD_BIN`).
func builtSwitchyard() throws -> String {
    if let explicit = ProcessInfo.processInfo.environment["SWITCHYARD_BIN"] { return explicit }
    var dir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<3 {
        let candidate = dir.appendingPathComponent("switchyard").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    throw ControlTestFailure(description: "switchyard binary not found next to the tests; set SWITCHYARD_BIN")
}

/// Runs `switchyard ctl ARGUMENTS --socket SOCKET` to completion, off the pool the server under test needs.
func ctl(_ socket: String, _ arguments: [String]) async throws -> CtlRun {
    let path = try builtSwitchyard()
    return try await offPool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["ctl"] + arguments + ["--socket", socket]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CtlRun(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}
