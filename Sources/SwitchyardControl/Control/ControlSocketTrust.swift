import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a control socket and its directory can be trusted: only the user (or root) may have put them there,
/// and no one else may swap them. Without it, a socket in a directory another user owns — or a fallback
/// `/tmp/switchyard-<uid>` another user created first — lets that user answer `ctl` with a server of their own
/// (and read the secrets `ctl keys create` prints) or receive the gateway's clients.
public enum ControlSocketTrust {
    /// Why a path is not trusted.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String {
            "refusing the control socket at \(path): \(reason); use a directory of your own (--control-socket PATH)"
        }
    }

    /// The directory that holds the socket: owned by `uid` or root; writable by group or others only when
    /// sticky (like /tmp, where no one can remove or rename another's file).
    public static func checkDirectory(_ directory: String, uid: uid_t = getuid()) throws(Refusal) {
        var info = stat()
        guard lstat(directory, &info) == 0 else {
            throw Refusal(path: directory, reason: "cannot inspect it (\(String(cString: strerror(errno))))")
        }
        try check(directory: directory, info, uid: uid)
    }

    private static func check(directory: String, _ info: stat, uid: uid_t) throws(Refusal) {
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw Refusal(path: directory, reason: "it is not a directory (a symbolic link is not followed)")
        }
        guard info.st_uid == uid || info.st_uid == 0 else {
            throw Refusal(path: directory, reason: "the directory belongs to uid \(info.st_uid), not to you (uid \(uid)) or root")
        }
        let othersMayWrite = info.st_mode & (S_IWGRP | S_IWOTH) != 0
        guard !othersMayWrite || info.st_mode & S_ISVTX != 0 else {
            throw Refusal(path: directory, reason: "others may write the directory (mode \(String(info.st_mode & 0o7777, radix: 8)))")
        }
    }

    /// The socket a client is about to connect to, and its directory: both as `checkDirectory` wants, and the
    /// socket itself a socket owned by `uid` or root. A missing socket or directory passes (connecting then
    /// says nothing listens).
    public static func checkSocket(_ path: String, uid: uid_t = getuid()) throws(Refusal) {
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        var directoryInfo = stat()
        guard lstat(directory, &directoryInfo) == 0 else {
            if errno == ENOENT { return }
            throw Refusal(path: directory, reason: "cannot inspect it (\(String(cString: strerror(errno))))")
        }
        try check(directory: directory, directoryInfo, uid: uid)
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw Refusal(path: path, reason: "it is not a socket")
        }
        guard info.st_uid == uid || info.st_uid == 0 else {
            throw Refusal(path: path, reason: "the socket belongs to uid \(info.st_uid), not to you (uid \(uid)) or root")
        }
    }
}
