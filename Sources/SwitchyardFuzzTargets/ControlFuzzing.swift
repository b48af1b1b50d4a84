import Foundation
import SwitchyardConfig
import SwitchyardControlAPI
import SwitchyardCore

/// The `control` fuzz target: one input read as each control API body, as the routes read them.
enum ControlFuzzing {
    /// A fixed instant, so a run is repeatable.
    static let now: Double = 1_800_000_000

    static func run(_ bytes: [UInt8]) {
        let data = Data(bytes)
        management(data)
        commands(data)
        // Time arguments are short; longer inputs would only spend the run building ICU date formatters.
        guard bytes.count <= 40 else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        _ = TimeArgument.past(text, now: now)
        _ = TimeArgument.future(text, now: now)
        _ = try? ManagementInput.period(text)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ data: Data) -> T? {
        try? ControlBodyDecoder.decode(type, from: data, example: "{}")
    }

    private static func management(_ data: Data) {
        if let key = decode(KeyCreateRequest.self, data) {
            _ = try? ManagementInput.expiry(key, now: now)
            if let b = key.budget {
                _ = try? ManagementInput.budgetSpec(
                    scope: .key(key.name), limit: b.limit, period: b.period, downgradeTo: b.downgradeTo, policy: b.policy)
            }
        }
        _ = decode(TeamRequest.self, data)
        if let budget = decode(BudgetRequest.self, data),
           let scope = try? ManagementInput.scope(budget.scope, name: budget.name), let limit = budget.limit,
           let spec = try? ManagementInput.budgetSpec(
               scope: scope, limit: limit, period: budget.period, downgradeTo: budget.downgradeTo, policy: budget.policy) {
            // What was accepted is within bounds, so what the store and the feed carry reads back the same.
            guard let encoded = try? JSONEncoder().encode(spec),
                  let again = try? JSONDecoder().decode(BudgetSpec.self, from: encoded) else {
                fatalError("an accepted budget does not survive JSON: \(spec)")
            }
            precondition(again == spec, "budget changed on a JSON round trip: \(spec) became \(again)")
        }
    }

    private static func commands(_ data: Data) {
        guard let engine else { return }
        var issued: [ControlCommand] = []
        if let body = decode(WeightBody.self, data) {
            issued.append(.setWeight(deployment: body.deployment, weight: body.weight))
        }
        if let body = decode(DeploymentBody.self, data) {
            issued += [.disableDeployment(body.deployment), .enableDeployment(body.deployment),
                       .disableProvider(body.deployment)]
        }
        if let body = decode(FailoverBody.self, data) {
            issued.append(.failover(model: "chat", from: body.from))
        }
        guard !issued.isEmpty else { return }
        for command in issued {
            _ = engine.apply(command, actor: "fuzz")
            roundTrip(command)
        }
        // The snapshot is what `/v1/status` and the feed encode: it must hold whatever the commands set.
        _ = try? JSONEncoder().encode(engine.snapshot(info: GatewayInfo(mode: "fuzz", address: nil, version: "fuzz", startedAt: now)))
        _ = engine.apply(.reset, actor: "fuzz")
    }

    /// What `ctl` sends for a command is what the server reads back.
    private static func roundTrip(_ command: ControlCommand) {
        // A body JSON cannot carry (a non-finite weight) is refused before it is sent.
        guard let route = try? ControlRoute(command), let body = route.body else { return }
        let data = Data(body)
        switch command {
        case .setWeight(let id, let weight):
            precondition(decode(WeightBody.self, data) == WeightBody(deployment: id, weight: weight),
                         "weight body changed on the way: \(route)")
        case .disableDeployment(let id), .enableDeployment(let id):
            precondition(decode(DeploymentBody.self, data) == DeploymentBody(deployment: id),
                         "deployment body changed on the way: \(route)")
        case .failover(_, let from):
            precondition(decode(FailoverBody.self, data) == FailoverBody(from: from),
                         "failover body changed on the way: \(route)")
        default:
            break
        }
    }

    /// Two providers, one model over both: enough for every command to find what it names.
    private static let engine: GatewayEngine? = {
        let yaml = """
            providers:
              - { name: alpha, kind: openai-compatible, base_url: "http://127.0.0.1:9/v1" }
              - { name: beta, kind: openai-compatible, base_url: "http://127.0.0.1:9/v1" }
            models:
              - name: chat
                deployments: [{ provider: alpha, model: m }, { provider: beta, model: m }]
            """
        guard let config = try? ConfigLoader.parse(yaml: yaml, file: "fuzz.yaml", catalog: nil).config else { return nil }
        return try? GatewayEngine(catalog: config.catalog, transport: NoUpstream())
    }()
}

/// The fuzzed engine never routes a request.
private struct NoUpstream: UpstreamTransport {
    func send(_ call: UpstreamCall) async -> Result<UpstreamSuccess, UpstreamFailure> {
        .failure(UpstreamFailure(errorClass: .connect, message: "no upstream"))
    }
}
