import Foundation

/// Simulated upstreams and a `switchyard serve` in front of them, in a scratch directory removed on `stop()`.
final class BenchGateway {
    /// A simulated upstream the gateway routes to.
    struct Upstream {
        var name: String
        var process: Subprocess
        var url: String
    }

    let binary: String
    let scratch: URL
    private(set) var upstreams: [Upstream] = []
    private(set) var gateway: Subprocess?
    private(set) var url = ""
    /// The bearer token requests must carry (nil when the gateway needs none).
    private(set) var token: String?

    /// A harness for the `switchyard` binary built beside this one, with an empty scratch directory.
    init() throws {
        binary = try siblingSwitchyard()
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-bench-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    deinit { stop() }

    /// Starts `switchyard sim` (answering at once) with `faults` (and any `extra` arguments) and returns its URL.
    @discardableResult
    func startUpstream(name: String, faults: String = "none", extra: [String] = []) throws -> String {
        let sim = try Subprocess(binary, ["sim", "--listen", "127.0.0.1:0", "--name", name, "--faults", faults] + extra)
        let url = try sim.waitFor(#"listening on (http://[0-9.:]+)"#)
        upstreams.append(Upstream(name: name, process: sim, url: url))
        return url
    }

    /// Starts the gateway with one openai-compatible provider per upstream (plus any `providerFields` YAML for
    /// it, by name) and the `models` YAML lines, then creates a key when `auth` needs one. `tracing` false turns
    /// trace recording off; `listen` fixes the port (a restarted gateway keeps it); `environment` reaches it, and
    /// `serveArguments` are added to its command line.
    func startGateway(
        models: [String], auth: GatewayAuth, tracing: Bool = true, listen: String = "127.0.0.1:0",
        providerFields: [String: String] = [:], environment: [String: String] = [:], serveArguments: [String] = []
    ) throws {
        let providers = upstreams.map { upstream in
            let extra = providerFields[upstream.name].map { ", " + $0 } ?? ""
            return "  - { name: \(upstream.name), kind: openai-compatible, base_url: \"\(upstream.url)/v1\"\(extra) }"
        }
        let config = scratch.appendingPathComponent("gateway.yaml")
        try (["listen: \(listen)", auth.configLine, tracing ? "" : "tracing: { enabled: false }", "providers:"] + providers + ["models:"] + models.map { "  - " + $0 })
            .filter { !$0.isEmpty }.joined(separator: "\n").write(to: config, atomically: true, encoding: .utf8)
        gatewayEnvironment = environment
        gatewayArguments = serveArguments
        try launchGateway()
        token = try auth.token(switchyard: binary, socket: socketPath)
    }

    /// The control socket of the gateway.
    var socketPath: String { scratch.appendingPathComponent("ctl.sock").path }
    /// The state directory of the gateway.
    var stateDirectory: String { scratch.appendingPathComponent("state").path }
    private var gatewayEnvironment: [String: String] = [:]
    private var gatewayArguments: [String] = []

    private func launchGateway() throws {
        let process = try Subprocess(binary, [
            "serve", "--config", scratch.appendingPathComponent("gateway.yaml").path, "--control-socket", socketPath,
            // No access log, as nginx is measured without one.
            "--state-dir", stateDirectory, "--access-log", "off",
        ] + gatewayArguments, environment: gatewayEnvironment)
        gateway = process
        url = try process.waitFor(#"serving on (http://[0-9.:]+)"#)
    }

    /// SIGKILLs the gateway (no shutdown of any kind), then starts it again on the same config, port and state.
    func killAndRestartGateway() throws {
        if let gateway {
            kill(gateway.process.processIdentifier, SIGKILL)
            gateway.process.waitUntilExit()
        }
        try launchGateway()
    }

    /// The simulator's counters (`GET /_sim/stats`) as JSON.
    func stats(of upstream: Upstream) throws -> [String: Any] {
        let response = try HTTPProbe.send("GET", upstream.url + "/_sim/stats")
        guard response.status == 200,
              let json = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any] else {
            throw BenchError("\(upstream.name): GET /_sim/stats answered \(response.status): \(response.body.prefix(300))")
        }
        return json
    }

    /// Stops every process and removes the scratch directory.
    func stop() {
        gateway?.stop()
        upstreams.forEach { $0.process.stop() }
        try? FileManager.default.removeItem(at: scratch)
    }
}
