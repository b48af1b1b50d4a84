import Foundation
import SwitchyardTestSupport

/// `switchyard serve` (auth open) over one `switchyard sim`, serving the model `chat` at list price, with its state
/// directory and control socket in `dir`: the set-up of end-to-end tests that need one plain gateway.
struct SimulatedGateway {
    let sim: ManagedProcess
    let process: ManagedProcess
    let url: String
    /// The simulator's own address.
    let simURL: String
    let state: String
    let socket: String

    /// Starts both; `sim` and `serve` are extra arguments for each command.
    /// `models` are further model entries (YAML flow mappings) beside `chat`; `sections` are further top-level
    /// YAML sections; `environment` is added to the gateway's.
    static func start(
        in dir: URL, sim simArguments: [String] = [], serve serveArguments: [String] = [], models: [String] = [],
        sections: String = "", environment: [String: String] = [:]
    ) async throws -> SimulatedGateway {
        let binary = try BuiltProduct.switchyard()
        let sim = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0"] + simArguments)
        let simURL = try await sim.waitFor(#"listening on (http://[0-9.:]+)"#)
        let config = dir.appendingPathComponent("gateway.yaml")
        try """
            listen: 127.0.0.1:0
            governance: { auth: open }
            providers:
              - { name: upstream, kind: openai-compatible, base_url: "\(simURL)/v1" }
            models:
              - { name: chat, deployments: [{ provider: upstream, model: gpt-4o, price: { input: 2.5, output: 10 } }] }
            \(models.map { "  - " + $0 }.joined(separator: "\n"))
            \(sections)
            """.write(to: config, atomically: true, encoding: .utf8)
        let socket = dir.appendingPathComponent("ctl.sock").path
        let state = dir.appendingPathComponent("state").path
        let process = try ManagedProcess(binary, [
            "serve", "--config", config.path, "--control-socket", socket, "--state-dir", state,
        ] + serveArguments, environment: environment)
        let url = try await process.waitFor(#"serving on (http://[0-9.:]+)"#)
        return SimulatedGateway(sim: sim, process: process, url: url, simURL: simURL, state: state, socket: socket)
    }

    func stop() {
        process.stop()
        sim.stop()
    }

    /// The ledger's `status` of request `id`, read with SQLite's own shell.
    func ledgerStatus(_ id: String) async throws -> String {
        let dump = try await Spawn.run(["sqlite3", state + "/switchyard.db", "select status from ledger where request_id = '\(id)'"])
        return dump.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
