import Synchronization
@testable import SwitchyardCore

/// An admission control that gives a scripted verdict and records every call the engine makes.
final class RecordingAdmission: AdmissionControl {
    struct Admit: Sendable {
        var request: GatewayRequest
        var estimatedCost: Double
    }

    struct Settle: Sendable {
        var ticket: AdmissionTicket
        var charge: SettledCharge
    }

    private struct Log {
        var admits: [Admit] = []
        var settles: [Settle] = []
        var nextID: UInt64 = 1
    }

    /// How to answer `admit`: given the request and the next ticket id.
    private let decide: @Sendable (GatewayRequest, UInt64) -> Admission
    private let log = Mutex(Log())
    private let budgets: [BudgetSnapshot]
    private let spend: SpendSnapshot

    init(
        budgets: [BudgetSnapshot] = [], spend: SpendSnapshot = SpendSnapshot(),
        decide: @escaping @Sendable (GatewayRequest, UInt64) -> Admission = { request, id in
            .admitted(RecordingAdmission.ticket(id: id, for: request))
        }
    ) {
        self.budgets = budgets
        self.spend = spend
        self.decide = decide
    }

    /// A ticket for `request` on `model` (its own model by default) with a recognisable rate-limit standing.
    static func ticket(id: UInt64, for request: GatewayRequest, model: String? = nil) -> AdmissionTicket {
        AdmissionTicket(
            id: id, reserved: 0.01, reservedTokens: request.inputTokens + request.maxOutputTokens,
            model: model ?? request.model, key: request.key, team: request.team,
            rateLimit: RateLimitStatus(limitRequests: 60, remainingRequests: 59, resetRequests: 1))
    }

    var admits: [Admit] { log.withLock { $0.admits } }
    var settles: [Settle] { log.withLock { $0.settles } }

    func admit(_ request: GatewayRequest, cost: CostEstimate, now: Double) -> Admission {
        let id = log.withLock { l -> UInt64 in
            l.admits.append(Admit(request: request, estimatedCost: cost.worstCase))
            defer { l.nextID += 1 }
            return l.nextID
        }
        return decide(request, id)
    }

    func settle(_ ticket: AdmissionTicket, charge: SettledCharge, now: Double) {
        log.withLock { $0.settles.append(Settle(ticket: ticket, charge: charge)) }
    }

    func budgetSnapshots(now: Double) -> [BudgetSnapshot] { budgets }

    func spendSnapshot(now: Double) -> SpendSnapshot { spend }
}

/// A ledger that keeps entries in memory, or refuses every append when `failing`.
final class RecordingLedger: LedgerSink {
    struct Refused: Error {}

    private let entries = Mutex<[LedgerEntry]>([])
    private let failing: Bool

    init(failing: Bool = false) { self.failing = failing }

    var rows: [LedgerEntry] { entries.withLock { $0 } }

    func append(_ entry: LedgerEntry) async throws {
        if failing { throw Refused() }
        entries.withLock { $0.append(entry) }
    }
}
