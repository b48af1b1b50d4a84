import Foundation
import Logging
import SwitchyardConfig
import SwitchyardCore
import SwitchyardJSON
import SwitchyardStore
import SwitchyardWire
import Synchronization

/// Responses kept so that a later request can continue one with `previous_response_id`, scoped to the virtual key
/// that made them and redacted as traces are. A response is findable the moment its answer is written: it waits
/// in memory until its row is committed, so a client that chains at once never misses it.
public final class StoredResponses: Sendable {
    private let database: ResponseDatabase
    /// Seconds a response is kept.
    let retention: Double
    private let pending = Mutex<[String: StoredResponseRow]>([:])
    private let lastPrune = Mutex<Double>(0)
    private let logger: Logger
    /// Expired rows are swept at most this often, by whichever save comes next.
    static let pruneInterval: Double = 600

    /// Responses kept in `database` for `retention` seconds.
    public init(database: ResponseDatabase, retention: Double, logger: Logger = Logger(label: "switchyard.responses")) {
        self.database = database
        self.retention = retention
        self.logger = logger
    }

    /// What `config` asks for: responses kept in `responses.db` in `stateDirectory` (in memory without one), or
    /// nil when the gateway stores none.
    public static func make(config: ResponsesConfig, stateDirectory: String?) throws -> StoredResponses? {
        guard config.store else { return nil }
        let database = try stateDirectory.map(ResponseDatabase.init(directory:)) ?? ResponseDatabase()
        return StoredResponses(database: database, retention: config.retention)
    }

    /// The conversation that response `id` ended (its input and its output), when `key` made it and it is kept.
    func history(id: String, key: String?, now: Double = Date().timeIntervalSince1970) async throws
        -> [ResponsesInputItem]? {
        guard let row = try await row(id: id, key: key, now: now) else { return nil }
        return try ResponsesHistory.decode(row.history)
    }

    /// The response object `id` as it was answered, when `key` made it and it is kept.
    func response(id: String, key: String?, now: Double = Date().timeIntervalSince1970) async throws -> String? {
        try await row(id: id, key: key, now: now)?.response
    }

    /// Forgets response `id` made by `key`; whether there was one.
    func delete(id: String, key: String?) async throws -> Bool {
        let waiting = pending.withLock { $0[id]?.key == (key ?? "") ? $0.removeValue(forKey: id) : nil }
        let deleted = try await database.delete(id: id, key: key ?? "")
        return deleted || waiting != nil
    }

    /// Keeps `response`, which answered `request` for `key`.
    func keep(_ response: ResponsesResponse, answering request: ResponsesRequest, key: String?,
              now: Double = Date().timeIntervalSince1970) {
        keep(id: response.id, conversation: request.conversation(after: response),
             body: (try? WireCoding.encodeString(response)) ?? "{}", key: key, now: now)
    }

    /// Keeps `response`, the object an upstream serving the Responses API natively answered `request` with.
    func keep(native response: JSONValue, answering request: ResponsesRequest, key: String?,
              now: Double = Date().timeIntervalSince1970) {
        guard let id = response["id"]?.stringValue else { return }
        keep(id: id, conversation: ResponsesPassThrough.conversation(request: request, response: response),
             body: response.jsonString(), key: key, now: now)
    }

    /// Keeps response `id` (its JSON `body`) and the conversation it ended.
    private func keep(id: String, conversation: [ResponsesInputItem], body: String, key: String?, now: Double) {
        let row = StoredResponseRow(
            id: id, key: key ?? "", createdAt: now, expiresAt: now + retention,
            history: TraceRedactor.redact(ResponsesHistory.encode(conversation)), response: TraceRedactor.redact(body))
        pending.withLock { $0[row.id] = row }
        let prune = lastPrune.withLock { last -> Bool in
            guard now - last >= Self.pruneInterval else { return false }
            last = now
            return true
        }
        Task { [self] in
            do {
                try await database.save(row)
            } catch {
                logger.error("cannot keep response \(row.id): \(error)", metadata: ["event": "responses.store"])
            }
            _ = pending.withLock { $0.removeValue(forKey: row.id) }
            if prune {
                do {
                    _ = try await database.prune(now: now)
                } catch {
                    logger.error("cannot sweep expired responses: \(error)", metadata: ["event": "responses.store"])
                }
            }
        }
    }

    private func row(id: String, key: String?, now: Double) async throws -> StoredResponseRow? {
        let owner = key ?? ""
        if let waiting = pending.withLock({ $0[id] }) {
            return waiting.key == owner && waiting.expiresAt > now ? waiting : nil
        }
        return try await database.find(id: id, key: owner, now: now)
    }
}

/// Keeps the response a request gets, when the gateway stores responses and the request did not say `store: false`.
struct ResponseKeeper: Sendable {
    let store: StoredResponses
    let key: String?

    func keep(_ response: ResponsesResponse, answering request: ResponsesRequest) {
        // A failed response has nothing to continue from.
        guard response.status == .completed || response.status == .incomplete else { return }
        store.keep(response, answering: request, key: key)
    }

    func keep(native response: JSONValue, answering request: ResponsesRequest) {
        let status = response["status"]?.stringValue
        guard status == "completed" || status == "incomplete" else { return }
        store.keep(native: response, answering: request, key: key)
    }
}
