import Foundation
import SwitchyardCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the state directory could not be used.
public struct ControlStoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the file.
    public var description: String
}

/// The durable side of the control plane: the overrides in force (`overrides.json`, replaced atomically)
/// and the audit log (`audit.jsonl`, one record per line, appended and synced), in one state directory.
public final class ControlStore: OverrideStore {
    /// The state directory.
    public let directory: String
    /// Path of the overrides file.
    public var overridesPath: String { directory + "/overrides.json" }
    /// Path of the audit log.
    public var auditPath: String { directory + "/audit.jsonl" }
    /// Serializes writers; also remembers the newest audit sequence whose overrides were written, so that a
    /// late writer never replaces newer overrides with older ones.
    private let writeLock = Mutex<Int>(0)

    /// Opens (creating, mode 0700) the state directory.
    public init(directory: String) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ControlStoreError(description: "cannot create state directory \(directory): \(error.localizedDescription)")
        }
    }

    // MARK: overrides

    /// The stored overrides, or nil when none were ever written.
    public func loadOverrides() throws -> StoredOverrides? {
        guard let data = FileManager.default.contents(atPath: overridesPath) else { return nil }
        do {
            return try ControlJSON.decode(StoredOverrides.self, from: data)
        } catch {
            throw ControlStoreError(description: "cannot read \(overridesPath): \(error)")
        }
    }

    /// Replaces the overrides file atomically: written to a temp file, synced, renamed over the old one.
    public func saveOverrides(_ overrides: StoredOverrides) throws {
        try writeLock.withLock { _ in try writeOverrides(overrides) }
    }

    private func writeOverrides(_ overrides: StoredOverrides) throws {
        let data = try ControlJSON.encode(overrides)
        let temp = overridesPath + ".tmp-\(getpid())"
        try writeAll(data, to: temp, flags: O_WRONLY | O_CREAT | O_TRUNC)
        guard rename(temp, overridesPath) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw ControlStoreError(description: "cannot replace \(overridesPath): \(reason)")
        }
        syncDirectory()
    }

    // MARK: audit

    /// Appends one record as a JSON line and syncs it to disk.
    public func appendAudit(_ record: AuditRecord) throws {
        try writeLock.withLock { _ in try appendLine(record) }
    }

    private func appendLine(_ record: AuditRecord) throws {
        var data = try ControlJSON.encode(record)
        data.append(UInt8(ascii: "\n"))
        try writeAll(data, to: auditPath, flags: O_WRONLY | O_CREAT | O_APPEND)
    }

    /// The last `limit` audit records, oldest first; lines that do not parse (a torn write) are skipped.
    public func loadAudit(limit: Int) -> [AuditRecord] {
        guard limit > 0, let data = FileManager.default.contents(atPath: auditPath) else { return [] }
        let decoder = ControlJSON.decoder()
        var records: [AuditRecord] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            if let record = try? decoder.decode(AuditRecord.self, from: Data(line)) { records.append(record) }
        }
        return Array(records.suffix(limit))
    }

    /// Persists one engine change: the audit line first (history is never lost), then the overrides,
    /// unless a newer change already wrote its overrides.
    public func record(_ change: ControlChange) throws {
        try writeLock.withLock { newest in
            try appendLine(change.record)
            guard change.record.sequence > newest else { return }
            newest = change.record.sequence
            try writeOverrides(change.overrides)
        }
    }

    // MARK: files

    private func writeAll(_ data: Data, to path: String, flags: Int32) throws {
        let fd = open(path, flags | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ControlStoreError(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ControlStoreError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
                }
                offset += n
            }
        }
        guard fsync(fd) == 0 else {
            throw ControlStoreError(description: "cannot sync \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Makes a rename durable; best effort, since not every file system supports syncing a directory.
    private func syncDirectory() {
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
