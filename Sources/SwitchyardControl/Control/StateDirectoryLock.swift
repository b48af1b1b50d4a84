import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive hold on a state directory for one gateway's life: two gateways writing one ledger, one trace
/// archive and one set of overrides would each believe its own view. `flock` on `switchyard.lock` inside the
/// directory: the kernel drops it when the process ends however it ends (kill -9 included), so there is never a
/// stale lock to clean up. The holder writes its pid into the file so the refusal can name it.
public final class StateDirectoryLock: Sendable {
    /// The lock file's name inside the state directory.
    public static let fileName = "switchyard.lock"

    private let descriptor: Int32
    /// The directory held.
    public let directory: String

    /// Takes the lock on `directory` (created mode 0700 if missing), or throws naming the process that holds it.
    public init(directory: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StateDirectoryLockError.unusable(path: directory, reason: error.localizedDescription)
        }
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StateDirectoryLockError.unusable(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = Self.readPID(fd)
            close(fd)
            if code == EWOULDBLOCK {
                throw StateDirectoryLockError.held(directory: directory, pid: holder)
            }
            throw StateDirectoryLockError.unusable(path: path, reason: String(cString: strerror(code)))
        }
        // Ours now: replace whatever pid an earlier holder left.
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
        descriptor = fd
        self.directory = directory
    }

    deinit { close(descriptor) }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// Why a state directory could not be held.
public enum StateDirectoryLockError: Error, CustomStringConvertible, Equatable {
    /// Another process holds it.
    case held(directory: String, pid: Int32?)
    /// The lock file could not be opened or locked.
    case unusable(path: String, reason: String)

    public var description: String {
        switch self {
        case .held(let directory, let pid):
            let who = pid.map { "another switchyard process (pid \($0))" } ?? "another switchyard process"
            return "the state directory \(directory) is in use by \(who); stop it, or give this gateway its own with --state-dir"
        case .unusable(let path, let reason):
            return "cannot lock \(path): \(reason)"
        }
    }
}
