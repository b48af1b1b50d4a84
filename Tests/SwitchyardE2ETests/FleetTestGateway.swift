import Foundation

/// What the fleet end-to-end tests share: one gateway config in front of a `switchyard sim`, and polling.
enum FleetTestGateway {
    /// A config with one model over two providers (`primary`, `backup`) on the simulator at `simURL`, written
    /// into `dir`; `auth` is `keys` or `open`.
    static func config(simURL: String, auth: String = "keys", in dir: URL) throws -> URL {
        let file = dir.appendingPathComponent("gateway.yaml")
        try """
            listen: 127.0.0.1:0
            governance: { auth: \(auth) }
            providers:
              - { name: primary, kind: openai-compatible, base_url: "\(simURL)/v1" }
              - { name: backup, kind: openai-compatible, base_url: "\(simURL)/v1" }
            models:
              - name: chat
                deployments:
                  - { provider: primary, model: gpt-4o, price: { input: 2.5, output: 10 } }
                  - { provider: backup, model: gpt-4o-mini, price: { input: 0.15, output: 0.6 } }
            """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Polls `condition` every 50 ms until it holds or `seconds` pass; true when it held.
    static func eventually(within seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if try await condition() { return true }
            if Date() > deadline { return false }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
    }
}
