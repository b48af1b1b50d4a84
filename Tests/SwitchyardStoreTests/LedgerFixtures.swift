import SwitchyardCore

/// Ledger entries for tests; costs are multiples of 1/64 so sums are exact in binary floating point.
enum LedgerFixtures {
    static func entry(
        _ i: Int, time: Double = 1_000, key: String? = "k1", team: String? = "t1", model: String = "gpt-4o",
        deployment: String? = "openai/gpt-4o", cost: Double? = nil, costKnown: Bool = true, status: Int = 200,
        id: String? = nil
    ) -> LedgerEntry {
        LedgerEntry(
            time: time, requestID: id ?? "req-\(i)", key: key, team: team, model: model, deployment: deployment,
            inputTokens: 100 + i, outputTokens: 10 + i, cost: cost ?? Double(i % 97) / 64, costKnown: costKnown,
            status: status)
    }
}
