import Foundation
import Logging
import ServiceLifecycle
import SwitchyardConfig
import SwitchyardGovernance

/// A gateway's governance over its lifetime, as a service: while the gateway runs it releases, once a minute, the
/// budget reservations of requests admitted longer ago than any request may run and never settled (a response
/// whose body never ran — the client left between head and body — must not hold budget forever), and logs budgets
/// nearly spent, exhausted and available again (`BudgetWatch`, every few seconds); when the group shuts down,
/// after the gateway has drained, it closes the ledger writer, so every queued row is committed.
public struct GovernanceUpkeep: Service {
    private let governance: GovernanceService
    /// Seconds after admission past which an unsettled reservation is abandoned.
    private let abandonedAfter: Double
    private let logger: Logger

    /// Upkeep for `governance` serving `config`: abandoned means older than its longest total timeout plus a minute.
    public init(governance: GovernanceService, config: GatewayConfig, logger: Logger) {
        let longest = config.deployments.map { config.timeouts(for: $0).total ?? 600 }.max() ?? 600
        self.init(governance: governance, abandonedAfter: longest + 60, logger: logger)
    }

    /// Upkeep releasing reservations older than `abandonedAfter` seconds.
    public init(governance: GovernanceService, abandonedAfter: Double, logger: Logger) {
        self.governance = governance
        self.abandonedAfter = abandonedAfter
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { [governance, abandonedAfter, logger] in
            var watch = BudgetWatch()
            var lastRelease = Date().timeIntervalSince1970
            while !Task.isCancelled {
                let now = Date().timeIntervalSince1970
                watch.log(governance.governor.budgetSnapshots(now: now), to: logger)
                if now - lastRelease >= 60 {
                    lastRelease = now
                    let released = governance.governor.releaseAbandoned(admittedBefore: now - abandonedAfter)
                    if released > 0 { logger.warning("released the budget reservations of \(released) abandoned requests") }
                }
                try? await Task.sleep(for: .seconds(2))
            }
        }
        await governance.close()
    }
}
