@testable import SwitchyardSimServer
import Synchronization
import Testing

@Suite struct SimulatorLifecycleTests {
    @Test func busyPortFailsToStart() async throws {
        try await withSimulator(testOptions()) { first in
            let port = try #require(first.server.boundPort)
            let second = SimulatorServer(options: SimulatorOptions(port: port))
            await #expect(throws: (any Error).self) { try await second.run() }
            #expect(await second.listeningPort() == nil)
            #expect(second.boundPort == nil)
        }
    }

    @Test func stopsWhenCancelledAndReportsItsPort() async throws {
        let server = SimulatorServer(options: testOptions())
        let reported = Mutex<Int?>(nil)
        let task = Task { try await server.run { port in reported.withLock { $0 = port } } }
        let port = try #require(await server.listeningPort())
        #expect(port > 0)
        #expect(reported.withLock { $0 } == port)
        task.cancel()
        _ = try? await task.value
        #expect(server.boundPort == nil)
    }
}
