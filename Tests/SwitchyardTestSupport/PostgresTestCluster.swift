import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster for tests: `initdb` into a temporary directory, `pg_ctl start` on a free
/// loopback port with trust authentication and its socket in that directory, stopped (`-m immediate`) and removed
/// by `stop()`. Run as the `postgres` user when the tests run as root (PostgreSQL refuses root). One cluster is
/// shared per test process (`shared()`, stopped at exit); a test that restarts or stops its server starts its own.
public final class PostgresTestCluster: @unchecked Sendable {
    /// The cluster's directory (data, socket, log).
    public let directory: String
    /// The loopback port it listens on.
    public let port: Int
    /// The superuser tests connect as.
    public let user = "postgres"
    private let bin: String
    private let lock = NSLock()
    private var databases = 0

    /// Why a cluster could not be started.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The process's shared cluster, started on first use and stopped when the process exits.
    public static func shared() throws -> PostgresTestCluster {
        sharedLock.lock()
        defer { sharedLock.unlock() }
        if let cluster = sharedCluster { return cluster }
        let cluster = try PostgresTestCluster()
        sharedCluster = cluster
        atexit { PostgresTestCluster.stopShared() }
        return cluster
    }

    nonisolated(unsafe) private static var sharedCluster: PostgresTestCluster?
    private static let sharedLock = NSLock()

    private static func stopShared() {
        sharedLock.lock()
        defer { sharedLock.unlock() }
        sharedCluster?.stop()
        sharedCluster = nil
    }

    /// Starts a cluster of its own; `stop()` it when done.
    public init() throws {
        bin = try Self.binDirectory()
        directory = FileManager.default.temporaryDirectory.path + "/switchyard-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        port = try Self.freePort()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if getuid() == 0 {
            try Self.run("/bin/chown", ["postgres:postgres", directory])
        }
        _ = chmod(directory, 0o700)
        try runAsServer("initdb", ["-D", dataDirectory, "-U", user, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"])
        try start()
    }

    /// `postgresql://postgres@127.0.0.1:PORT/NAME`.
    public func url(database: String) -> String {
        "postgresql://\(user)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// Creates a database with a fresh name: a clean slate for one test. Returns its name and URL.
    public func createDatabase(prefix: String = "test") throws -> (name: String, url: String) {
        let name = lock.withLock {
            databases += 1
            return "\(prefix)_\(getpid())_\(databases)"
        }
        try runAsServer("createdb", ["-h", directory, "-p", "\(port)", "-U", user, name])
        return (name, url(database: name))
    }

    /// Runs one SQL statement with `psql` against `database` and returns its unaligned output.
    @discardableResult
    public func psql(_ sql: String, database: String) throws -> String {
        try runAsServer("psql", ["-h", directory, "-p", "\(port)", "-U", user, "-d", database, "-X", "-A", "-t",
                                 "-v", "ON_ERROR_STOP=1", "-c", sql])
    }

    /// Restarts the server (existing connections drop), waiting until it accepts connections again.
    public func restart() throws {
        try runAsServer("pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "-t", "30", "restart", "-l", logFile,
                                   "-o", serverOptions])
    }

    /// Stops the server at once, keeping its data for `resume`.
    public func halt() throws {
        try runAsServer("pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"])
    }

    /// Starts the server `halt` stopped, on the same port.
    public func resume() throws {
        try start()
    }

    /// Stops the server at once and removes its directory.
    public func stop() {
        _ = try? runAsServer("pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    private var dataDirectory: String { directory + "/data" }
    private var logFile: String { directory + "/server.log" }
    private var serverOptions: String {
        "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
    }

    private func start() throws {
        do {
            try runAsServer("pg_ctl", ["-D", dataDirectory, "-l", logFile, "-w", "-t", "30", "-o", serverOptions, "start"])
        } catch {
            let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
            throw Failure(description: "\(error)\n\(log)")
        }
    }

    @discardableResult
    private func runAsServer(_ tool: String, _ arguments: [String]) throws -> String {
        let path = bin + "/" + tool
        if getuid() == 0 {
            return try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", path] + arguments)
        }
        return try Self.run(path, arguments)
    }

    /// The directory holding `initdb` and `pg_ctl`: Debian keeps them off PATH, under /usr/lib/postgresql/<ver>/bin.
    private static func binDirectory() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { Int($0) }.sorted(by: >)
        for version in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(dir)/initdb") && FileManager.default.isExecutableFile(atPath: "\(dir)/pg_ctl") {
            return String(dir)
        }
        throw Failure(description: "PostgreSQL is not installed: no initdb under \(root)/<version>/bin or on PATH (install Debian's postgresql package; .ci/run does)")
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Failure(description: "bind: \(String(cString: strerror(errno)))") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a tool to completion (see `Spawn`: clean signal state, output to files, which a server started by
    /// `pg_ctl` cannot hold open).
    @discardableResult
    private static func run(_ path: String, _ arguments: [String]) throws -> String {
        let outcome = try Spawn.runBlocking([path] + arguments)
        guard outcome.status == 0 else {
            throw Failure(description: "\((path as NSString).lastPathComponent) \(arguments.joined(separator: " ")) exited \(outcome.status): \(outcome.stdout)\(outcome.stderr)")
        }
        return outcome.stdout
    }
}
