import Foundation
import SwitchyardCore
@testable import SwitchyardGovernance

/// 2026-11-25 12:00:00 UTC, a Wednesday.
let noon: Double = 1_795_608_000

/// A key record and the secret that unlocks it.
struct Minted {
    let record: VirtualKeyRecord
    let secret: String
}

func mint(
    _ name: String, team: String? = nil, models: [String]? = nil, limits: RateLimits = RateLimits(),
    expiresAt: Double? = nil, revokedAt: Double? = nil
) -> Minted {
    let fresh = KeyMint.generate()
    let record = VirtualKeyRecord(
        name: name, hash: fresh.hash, prefix: fresh.prefix, team: team, models: models, limits: limits,
        expiresAt: expiresAt, revokedAt: revokedAt, createdAt: noon - 86_400)
    return Minted(record: record, secret: fresh.secret)
}

func request(
    _ model: String = "gpt-4o", key: String? = nil, team: String? = nil, input: Int = 100, maxOutput: Int = 100
) -> GatewayRequest {
    GatewayRequest(id: UUID().uuidString, model: model, key: key, team: team, inputTokens: input,
                   maxOutputTokens: maxOutput)
}

extension Admission {
    var ticket: AdmissionTicket? {
        switch self {
        case .admitted(let t), .downgraded(let t, _): t
        case .rejected: nil
        }
    }

    var isAdmitted: Bool {
        if case .admitted = self { return true }
        return false
    }

    var error: GatewayError? {
        if case .rejected(let e) = self { return e }
        return nil
    }

    var downgradeReason: String? {
        if case .downgraded(_, let reason) = self { return reason }
        return nil
    }
}

/// Runs one request through admission and settles it at `cost`; returns the admission verdict.
@discardableResult
func spend(
    _ governor: Governor, _ req: GatewayRequest, cost: Double, estimate: Double = 0, at time: Double,
    costKnown: Bool = true
) -> Admission {
    let verdict = governor.admit(req, estimatedCost: estimate, now: time)
    if let ticket = verdict.ticket {
        governor.settle(ticket, charge: SettledCharge(cost: cost, inputTokens: req.inputTokens, outputTokens: 10,
                                                      costKnown: costKnown), now: time)
    }
    return verdict
}

func snapshot(_ governor: Governor, _ scope: BudgetScope, now: Double) -> BudgetSnapshot? {
    governor.budgetSnapshots(now: now).first { $0.scope == scope }
}
