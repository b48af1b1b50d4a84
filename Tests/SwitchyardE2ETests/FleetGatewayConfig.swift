import Foundation

/// The config the fleet end-to-end tests give every replica: two providers on one `switchyard sim`, one model
/// group over both.
enum FleetGatewayConfig {
    /// Writes `gateway.yaml` into `dir` and returns it; `auth` is `keys` or `open`.
    static func write(simURL: String, auth: String, in dir: URL) throws -> URL {
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
}
