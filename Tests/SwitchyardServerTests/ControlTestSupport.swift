import Foundation
import Logging
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardSim
import Synchronization
import Testing

/// A scratch directory with a short path (socket paths are limited to ~100 bytes), removed by `cleanup()`.
struct ControlScratch {
    let path: String

    init() throws {
        path = "/tmp/sy-ctl-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var socketDirectory: String { path + "/run" }
    var socketPath: String { socketDirectory + "/control.sock" }
    var stateDirectory: String { path + "/state" }

    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// An engine over the demo catalog with simulated upstreams (no traffic is sent in these tests).
func makeControlEngine() throws -> GatewayEngine {
    let setup = DemoCatalog.make()
    let clock = SystemClock()
    return try GatewayEngine(
        catalog: setup.catalog,
        transport: SimulatedTransport(catalog: setup.catalog, timeline: .demo, clock: clock, seed: 1), clock: clock)
}

let controlTestInfo = GatewayInfo(mode: "test", address: nil, version: "test", startedAt: 0)

/// Quiet logs: the tests look at answers, not at start-up lines.
var quietLogger: Logger {
    var logger = Logger(label: "control-test")
    logger.logLevel = .critical
    return logger
}

/// A running control plane (or bare server) for one test; `stop()` cancels it and waits for it to unwind.
struct RunningControl {
    let task: Task<Void, any Error>
    let socketPath: String

    /// Starts `plane` and waits until its socket is bound.
    static func start(_ plane: ControlPlane) async throws -> RunningControl {
        try await start(socketPath: plane.socketPath) { listening in
            try await plane.run(logger: quietLogger, onListening: listening)
        }
    }

    /// Starts `server` and waits until its socket is bound.
    static func start(_ server: ControlServer) async throws -> RunningControl {
        try await start(socketPath: server.socketPath) { listening in
            try await server.run(logger: quietLogger, onListening: listening)
        }
    }

    private static func start(
        socketPath: String, _ run: @escaping @Sendable (@escaping @Sendable (String) -> Void) async throws -> Void
    ) async throws -> RunningControl {
        let (bound, continuation) = AsyncStream<String>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await run { continuation.yield($0) }
        }
        for await _ in bound { return RunningControl(task: task, socketPath: socketPath) }
        // The server stopped without binding: surface its error.
        try await task.value
        throw ControlTestFailure(description: "control server stopped before binding \(socketPath)")
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    var client: ControlClient { ControlClient(socketPath: socketPath) }
}

struct ControlTestFailure: Error, CustomStringConvertible {
    var description: String
}

/// Runs blocking socket I/O off the cooperative pool, which the server under test needs to answer.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try body() })
        }
    }
}

/// Sends one request through `ctl`'s client.
func send(
    _ client: ControlClient, _ method: String, _ path: String, body: String? = nil
) async throws -> ControlClient.Reply {
    try await client.send(method: method, path: path, body: body.map { Data($0.utf8) })
}

extension ControlClient.Reply {
    var text: String { String(decoding: body, as: UTF8.self) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try ControlJSON.decode(type, from: body) }
}

/// File mode bits (permissions only) of `path`.
func permissions(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
}
