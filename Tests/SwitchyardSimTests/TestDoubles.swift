import Testing
import Synchronization
import SwitchyardCore
@testable import SwitchyardSim

/// A clock whose time only moves when set; `sleep` returns at once and records how long it was asked to sleep,
/// so many simulated calls can be drawn at one instant of the incident timeline.
final class FrozenClock: EngineClock {
    private let state: Mutex<(now: Double, slept: [Double])>

    init(now: Double = 1_767_225_600) { state = Mutex((now, [])) }

    func now() -> Double { state.withLock { $0.now } }
    func set(_ t: Double) { state.withLock { $0.now = t } }
    var sleeps: [Double] { state.withLock { $0.slept } }

    func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        state.withLock { $0.slept.append(seconds) }
    }
}

/// A stand-in for the engine: answers every request at once and remembers what it saw.
final class RecordingHandler: RequestHandler {
    private let seen = Mutex<[GatewayRequest]>([])

    var requests: [GatewayRequest] { seen.withLock { $0 } }

    func handle(_ request: GatewayRequest) async -> GatewayResponse {
        seen.withLock { $0.append(request) }
        return GatewayResponse(
            requestID: request.id,
            result: .success(UpstreamSuccess(inputTokens: request.inputTokens, outputTokens: 10)),
            servedBy: nil, attempts: [], cost: 0
        )
    }
}

/// A minimal engine over the simulated transport: tries each deployment of the model in order, then gives up.
struct FirstHealthyHandler: RequestHandler {
    let catalog: Catalog
    let transport: SimulatedTransport

    func handle(_ request: GatewayRequest) async -> GatewayResponse {
        // A task-routed model (`auto`) is served by its named task's group, as the engine would.
        let taskModel = catalog.taskRouting.models.first { $0.name == request.model }
        let model = taskModel.flatMap { $0.groups(for: TaskName(rawValue: request.declaredTask ?? "chat"), team: nil).groups.first }
            ?? request.model
        let ids = catalog.models.first { $0.name == model }?.deployments ?? []
        var attempt = 0
        for id in ids {
            guard let d = catalog.deployments.first(where: { $0.id == id }) else { continue }
            attempt += 1
            if case .success(let s) = await transport.send(UpstreamCall(request: request, deployment: d, attempt: attempt)) {
                let cost = d.price.cost(inputTokens: s.inputTokens, outputTokens: s.outputTokens)
                return GatewayResponse(requestID: request.id, result: .success(s), servedBy: d, attempts: [], cost: cost)
            }
        }
        let error = GatewayError(kind: .unavailable, status: 503, message: "all deployments failed")
        return GatewayResponse(requestID: request.id, result: .failure(error), servedBy: nil, attempts: [], cost: 0)
    }
}

/// Demo setup and call builders shared by the tests.
enum Fixtures {
    static let setup = DemoCatalog.make()

    static func deployment(_ id: String) -> DeploymentSpec {
        guard let d = setup.catalog.deployments.first(where: { $0.id == id }) else {
            Issue.record("no deployment \(id) in the demo catalog")
            return DeploymentSpec(id: id, model: "x", provider: "x", upstreamModel: "x", price: Price(inputPerMTok: 1, outputPerMTok: 1))
        }
        return d
    }

    static func call(_ deploymentID: String, stream: Bool = true, maxOutput: Int = 1024, n: Int = 0) -> UpstreamCall {
        UpstreamCall(
            request: GatewayRequest(id: "req_\(n)", model: deployment(deploymentID).model, inputTokens: 800,
                                    maxOutputTokens: maxOutput, stream: stream),
            deployment: deployment(deploymentID), attempt: 1
        )
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
