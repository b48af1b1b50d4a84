import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs external programs (valgrind, tmux) for the benchmarks and collects their output.
enum ChildProcess {
    /// Exit status and combined output of a finished program.
    struct Outcome {
        var status: Int32
        var output: String
    }

    /// Runs `arguments[0]` found on PATH with the rest as arguments; stdin is /dev/null; `environment` entries
    /// are added to this process's environment.
    /// posix_spawn, not `Process`: the child gets an empty signal mask and default handlers (a tmux server that
    /// inherits blocked signals cannot be stopped), and output goes to a file because a daemon the program forks
    /// (the tmux server) would hold a pipe open forever.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("switchyard-bench-\(getpid())-\(UUID().uuidString).out").path
        defer { unlink(path) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGCHLD, SIGWINCH, SIGTSTP, SIGTTIN, SIGTTOU] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let args: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { args.forEach { free($0) } }
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let env: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawnp(&pid, arguments[0], &actions, &attributes, args, env)
        guard rc == 0 else { throw ValidationError("cannot run \(arguments[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let data = FileManager.default.contents(atPath: path) ?? Data()
        return Outcome(status: exit, output: String(decoding: data, as: UTF8.self))
    }

    /// The full path of `program` on PATH, if it is installed.
    static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// An executable built beside this one (same build configuration), if it is there.
    static func sibling(_ name: String) -> String? {
        let path = URL(fileURLWithPath: selfPath).deletingLastPathComponent().appendingPathComponent(name).path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// This executable's own path (for re-running itself under valgrind, and finding `switchyard` beside it).
    static var selfPath: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    }
}
