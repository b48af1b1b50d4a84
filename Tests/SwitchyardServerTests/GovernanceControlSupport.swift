import Foundation
@testable import SwitchyardControl
import SwitchyardCore
@testable import SwitchyardGateway
import SwitchyardGovernance
import Testing

/// A control plane with governance over a scratch state directory, the way `serve` wires it: a config-owned
/// team `platform` and a config-owned global monthly budget, everything else made over the API.
struct GovernedControl {
    static let configTeams = [TeamSpec(name: "platform", limits: RateLimits(rpm: 1000))]
    static let configBudgets = [BudgetSpec(scope: .global, limit: 500, period: .monthly)]

    let scratch: ControlScratch
    let service: GovernanceService
    let plane: ControlPlane
    let running: RunningControl

    var client: ControlClient { running.client }

    /// Opens governance on `scratch`'s state directory and serves the control API over it.
    static func start(_ scratch: ControlScratch, budgets: [BudgetSpec] = configBudgets) async throws -> GovernedControl {
        let service = try GovernanceService.open(
            policy: GovernancePolicy(auth: .keys), teams: configTeams, budgets: budgets,
            stateDirectory: scratch.stateDirectory, now: Date().timeIntervalSince1970)
        let plane = try ControlPlane(
            engine: try makeControlEngine(), governance: service, info: controlTestInfo,
            socketPath: scratch.socketPath, stateDirectory: scratch.stateDirectory)
        let running = try await RunningControl.start(plane)
        return GovernedControl(scratch: scratch, service: service, plane: plane, running: running)
    }

    /// Stops serving and closes the ledger writer (as a gateway shutting down does).
    func stop() async {
        await running.stop()
        await service.close()
    }

    /// Runs `body` against a fresh governed control plane, stopping it and removing the scratch afterwards.
    static func with(
        budgets: [BudgetSpec] = configBudgets, _ body: (GovernedControl) async throws -> Void
    ) async throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let control = try await start(scratch, budgets: budgets)
        do {
            try await body(control)
        } catch {
            await control.stop()
            throw error
        }
        await control.stop()
    }
}

/// `{"error":…}` of a reply, or the whole body when it has none (so a failing expectation shows it).
func errorText(_ reply: ControlClient.Reply) -> String {
    reply.errorMessage ?? "<no error field in \(reply.text)>"
}
