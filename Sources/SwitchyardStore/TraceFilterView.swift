import GRDB
import SwitchyardCore

/// A request record rebuilt from a trace row's columns with just what filter terms read (ids, names, numbers,
/// flags, each attempt's deployment and error class), so a query can test every row without decoding its JSON.
/// The store's tests check that filters select the same traces this way as on the full records.
enum TraceFilterView {
    /// The columns `record(_:)` reads.
    static let columns = "rowid, time, id, model, deployment, key, team, status, latency, ttft, tokens, cost, stream, "
        + "fell_back, attempt_list"

    /// Each attempt as "deployment<TAB>class" on its own line; nil when a deployment name would break the format.
    static func attemptList(_ attempts: [AttemptRecord]) -> String? {
        guard !attempts.contains(where: { $0.deployment.contains(where: { $0 == "\t" || $0 == "\n" }) }) else {
            return nil
        }
        return attempts.map { $0.deployment + "\t" + ($0.errorClass?.rawValue ?? "") }.joined(separator: "\n")
    }

    /// The filter's view of the row, or nil when the row cannot say (its attempts are only in the JSON).
    static func record(_ row: Row) -> RequestRecord? {
        guard let list: String = row["attempt_list"] else { return nil }
        var attempts: [AttemptRecord] = []
        for (index, line) in list.split(separator: "\n").enumerated() {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let errorClass = parts.count > 1 ? ErrorClass(rawValue: String(parts[1])) : nil
            attempts.append(AttemptRecord(
                index: index + 1, deployment: String(parts[0]), model: "", startOffset: 0, latency: 0,
                timeToFirstToken: nil, status: nil, errorClass: errorClass, retryAfter: nil, message: "",
                decision: .answered, backoff: 0, inputTokens: 0, outputTokens: 0, cost: 0))
        }
        // Tokens are filtered as a sum, so the sum stands in for input and output.
        return RequestRecord(
            id: row["id"], time: row["time"], model: row["model"], servedBy: row["deployment"], key: row["key"],
            team: row["team"], status: row["status"], latency: row["latency"], timeToFirstToken: row["ttft"],
            inputTokens: row["tokens"], outputTokens: 0, cost: row["cost"], stream: row["stream"],
            fellBack: row["fell_back"], errorMessage: nil, attempts: attempts)
    }
}
