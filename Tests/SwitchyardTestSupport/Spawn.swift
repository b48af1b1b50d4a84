import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion with posix_spawn and waitpid, output to files.
/// Not `Process`: children must start with default signal dispositions and an empty signal mask (the test runner
/// blocks most signals in its threads, and a tmux server started with those blocked cannot be stopped), and the
/// tmux server forked by `new-session` keeps inherited pipes open, so output goes to files.
public enum Spawn {
    /// Exit status (128 + signal when killed) and what the program wrote.
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// A program that could not be run or waited for.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `argv[0]` (looked up on PATH) with stdin from /dev/null. Waits by polling, so a long child never
    /// holds one of the few threads every test's tasks share.
    public static func run(_ argv: [String], environment: [String: String]? = nil) async throws -> Outcome {
        let child = try start(argv, environment: environment)
        defer { child.removeFiles() }
        var status: Int32 = 0
        while true {
            let rc = waitpid(child.pid, &status, WNOHANG)
            if rc == child.pid { break }
            if rc == -1, errno != EINTR {
                throw Failure(description: "waiting for \(argv[0]): \(String(cString: strerror(errno)))")
            }
            try await Task.sleep(nanoseconds: 2_000_000)
        }
        return child.outcome(status: status)
    }

    /// Runs `argv` and blocks the calling thread until it exits: for `deinit` and other places that cannot wait
    /// asynchronously.
    public static func runBlocking(_ argv: [String]) throws -> Outcome {
        let child = try start(argv, environment: nil)
        defer { child.removeFiles() }
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) == -1, errno == EINTR {}
        return child.outcome(status: status)
    }

    /// A started child and the files its output goes to.
    private struct Child {
        var pid: pid_t
        var outPath: String
        var errPath: String

        func outcome(status: Int32) -> Outcome {
            let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            func read(_ path: String) -> String {
                String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            }
            return Outcome(status: exit, stdout: read(outPath), stderr: read(errPath))
        }

        func removeFiles() {
            unlink(outPath)
            unlink(errPath)
        }
    }

    private static func start(_ argv: [String], environment: [String: String]?) throws -> Child {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-spawn-\(getpid())-\(UUID().uuidString)")
        let outPath = base.path + ".out", errPath = base.path + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGCHLD, SIGWINCH, SIGTSTP, SIGTTIN, SIGTTOU, SIGUSR1, SIGUSR2, SIGALRM] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let args: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { args.forEach { free($0) } }
        let envStrings = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let env: [UnsafeMutablePointer<CChar>?] = envStrings.map { strdup($0) } + [nil]
        defer { env.forEach { free($0) } }

        var pid = pid_t()
        var rc = posix_spawnp(&pid, argv[0], &actions, &attributes, args, env)
        // A binary a test just copied can be busy for a moment: a child forked elsewhere in the test process while
        // the copy was open for writing holds that descriptor until it execs. Waiting it out is the usual remedy.
        var tries = 0
        while rc == ETXTBSY, tries < 50 {
            tries += 1
            usleep(20_000)
            rc = posix_spawnp(&pid, argv[0], &actions, &attributes, args, env)
        }
        guard rc == 0 else {
            unlink(outPath)
            unlink(errPath)
            throw Failure(description: "cannot run \(argv[0]): \(String(cString: strerror(rc)))")
        }
        return Child(pid: pid, outPath: outPath, errPath: errPath)
    }
}
