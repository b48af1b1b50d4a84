import Foundation
import SwitchyardTestSupport

/// A private tmux server with one window, driven like a user would: send keys, read the screen.
final class TmuxSession {
    let socket: String
    /// A private home for state and runtime files, so runs never see each other's (or the user's) gateways.
    let sandbox: URL
    private(set) var width: Int
    private(set) var height: Int

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts a login-less bash in a detached window of the given size.
    init(width: Int, height: Int) async throws {
        socket = "switchyard-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        self.width = width
        self.height = height
        sandbox = URL(fileURLWithPath: "/tmp/sy-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        for sub in ["state", "run"] {
            try FileManager.default.createDirectory(
                at: sandbox.appendingPathComponent(sub), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
        try await tmux(
            "-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)",
            "env", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=tmux-256color", "PS1=$ ",
            "XDG_STATE_HOME=\(sandbox.path)/state", "XDG_RUNTIME_DIR=\(sandbox.path)/run",
            "bash", "--norc", "--noprofile"
        )
        try await tmux("set-option", "-g", "status", "off")
        try await tmux("set-option", "-g", "escape-time", "0")
    }

    deinit {
        _ = try? Spawn.runBlocking(["tmux", "-L", socket, "kill-server"])
        try? FileManager.default.removeItem(at: sandbox)
    }

    /// Types a line into the shell and presses Enter.
    func run(_ line: String) async throws {
        try await tmux("send-keys", "-t", "main", "-l", line)
        try await tmux("send-keys", "-t", "main", "Enter")
    }

    /// Sends tmux key names ("j", "Enter", "Escape", "Tab", "+").
    func keys(_ names: String...) async throws {
        for name in names { try await tmux("send-keys", "-t", "main", name) }
    }

    /// Sends literal text.
    func type(_ text: String) async throws {
        try await tmux("send-keys", "-t", "main", "-l", text)
    }

    /// Clicks the left button at column `x`, row `y` (from 0), as a terminal reports it to an application that
    /// asked for mouse events: an X10 press then release (`ESC [ M`, button, column and row each plus 32, 1-based).
    /// Both coordinates stay under 95 so that every byte is ASCII.
    func click(x: Int, y: Int) async throws {
        guard (0..<95).contains(x), (0..<95).contains(y) else { throw Failure(description: "click at (\(x), \(y)) out of range") }
        for button in [0, 3] {
            let bytes = [0x1b, 0x5b, 0x4d, 32 + button, 33 + x, 33 + y]
            try await tmux(["send-keys", "-t", "main", "-H"] + bytes.map { String($0, radix: 16) })
        }
    }

    /// Runs `command` in a second window of the session, with the same locale, terminal and sandbox as the first.
    func window(_ command: String) async throws {
        try await tmux(
            "new-window", "-d", "-t", "main", "env", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=tmux-256color",
            "XDG_STATE_HOME=\(sandbox.path)/state", "XDG_RUNTIME_DIR=\(sandbox.path)/run", "sh", "-c", command)
    }

    /// The visible screen as lines.
    func capture() async throws -> [String] {
        let text = try await tmux("capture-pane", "-p", "-t", "main")
        return text.components(separatedBy: "\n")
    }

    func screen() async throws -> String { try await capture().joined(separator: "\n") }

    func resize(width: Int, height: Int) async throws {
        try await tmux("resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)")
        self.width = width
        self.height = height
    }

    /// Polls the screen until `predicate` holds, or fails with the last screen after `timeout` seconds.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Double = 20, predicate: ([String]) -> Bool
    ) async throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String] = []
        while Date() < deadline {
            last = try await capture()
            if predicate(last) { return last }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        throw Failure(description: "timed out waiting for \(what); screen was:\n" + last.joined(separator: "\n"))
    }

    /// Waits until the shell shows its `$ ` prompt on the last non-empty line.
    @discardableResult
    func waitForPrompt(timeout: Double = 20) async throws -> [String] {
        try await waitFor("a shell prompt", timeout: timeout) { lines in lines.last(where: { !$0.isEmpty }) == "$" }
    }

    /// Quits the dashboard with `q` and waits for the shell to come back.
    func quitDashboard() async throws {
        try await keys("q")
        try await waitForPrompt()
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    func waitFor(text: String, timeout: Double = 20) async throws -> [String] {
        try await waitFor("'\(text)'", timeout: timeout) { $0.joined(separator: "\n").contains(text) }
    }

    @discardableResult
    private func tmux(_ args: String...) async throws -> String {
        try await tmux(args)
    }

    @discardableResult
    private func tmux(_ args: [String]) async throws -> String {
        let outcome = try await Spawn.run(["tmux", "-L", socket] + args)
        guard outcome.status == 0 else {
            throw Failure(description: "tmux \(args.joined(separator: " ")) failed: \(outcome.stderr)")
        }
        return outcome.stdout
    }
}

/// Where the `switchyard` binary built alongside this test bundle is.
enum BuiltProduct {
    static func switchyard() throws -> String {
        if let explicit = ProcessInfo.processInfo.environment["SWITCHYARD_BIN"] { return explicit }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // The test runner may live inside an .xctest bundle directory.
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("switchyard").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw TmuxSession.Failure(description: "switchyard binary not found next to \(exe.path); set SWITCHYARD_BIN")
    }
}
