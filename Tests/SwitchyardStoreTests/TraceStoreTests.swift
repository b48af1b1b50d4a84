import Foundation
import SwitchyardCore
import Testing
@testable import SwitchyardStore

@Suite struct TraceStoreTests {
    /// Twelve traces a second apart, varied in model, status, key, team, latency and fallback.
    static let base = 1_800_000_000.0
    static let traces: [RequestTrace] = (0..<12).map(sample)

    static func sample(_ i: Int) -> RequestTrace {
        let statuses = [200, 200, 503, 429, 200, 500]
        let even = i % 2 == 0
        let latency: Double = 0.4 + Double(i) * 0.1
        return TraceFixtures.trace(
            i, time: base + Double(i), model: i % 3 == 0 ? "claude" : "gpt-4o", status: statuses[i % 6],
            key: even ? "team-a/ci" : "team-b/web", team: even ? "team-a" : "team-b", latency: latency,
            fellBack: i % 4 == 1)
    }

    private func filled(capacity: Int = 1_000) async throws -> TraceStore {
        let store = TraceStore(database: try TraceDatabase(), capacity: capacity)
        try await store.store(Self.traces)
        return store
    }

    /// Rows of the JSON table: one per stored trace, none left behind by replacing or sweeping.
    private func jsonRows(_ store: TraceStore) throws -> Int {
        try store.database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trace_json") ?? -1 }
    }

    private func ids(_ store: TraceStore, _ filter: String, since: Double? = nil, until: Double? = nil,
                     limit: Int = 100) async throws -> [String] {
        let query = TraceQuery(filter: try RequestFilter(parsing: filter), since: since, until: until, limit: limit)
        return try await store.traces(matching: query).map(\.id)
    }

    /// What the filter selects, worked out in Swift from the fixtures, newest first.
    private func expected(_ filter: String, since: Double? = nil, until: Double? = nil, limit: Int = 100) throws -> [String] {
        let query = TraceQuery(filter: try RequestFilter(parsing: filter), since: since, until: until, limit: limit)
        return Array(Self.traces.filter(query.matches).sorted { $0.record.time > $1.record.time }.prefix(limit).map(\.id))
    }

    @Test func aStoredTraceComesBackWhole() async throws {
        let dir = try TemporaryDirectory()
        let trace = Self.traces[5]
        do {
            let db = try TraceDatabase(directory: dir.path)
            try await TraceStore(database: db).store([trace])
            try db.close()
        }
        let reopened = TraceStore(database: try TraceDatabase(directory: dir.path))
        let back = try #require(try await reopened.trace(id: trace.id))
        #expect(back == trace)
        #expect(back.spans.count == 9)
        #expect(back.spans.first { $0.name == .route }?.candidates?.count == 3)
        #expect(try await reopened.trace(id: "req-none") == nil)
    }

    @Test func storingTheSameIDAgainReplacesIt() async throws {
        let store = try await filled()
        var amended = Self.traces[3]
        amended.responseBody = "{\"ok\":true}"
        try await store.store([amended])
        #expect(try store.count() == Self.traces.count)
        #expect(try jsonRows(store) == Self.traces.count)
        #expect(try await store.trace(id: amended.id)?.responseBody == "{\"ok\":true}")
    }

    @Test(arguments: [
        "", "model=gpt-4o", "model=CLAUDE", "status>=500", "status=5xx", "status=429", "!status=5xx", "key=team-b/web",
        "team=team-a", "latency>1s", "latency>=900ms", "fallback", "fallback model=gpt-4o", "error", "ok team=team-b",
        "deployment=gpt-4o/openai", "model=gpt*", "tries=2 cost>0.001", "tokens>=250", "cost<=0.001", "ttft<300ms",
        "ttft!=100ms", "stream", "!stream status=2xx", "tries>2", "class=5xx", "!class=5xx", "class=429",
        "provider=azure", "provider!=azure", "deployment=claude/azure", "azure", "TEAM-B", "id=req-00000", "!fallback",
    ])
    func filtersSelectWhatTheFilterMeans(_ filter: String) async throws {
        let store = try await filled()
        let got = try await ids(store, filter)
        #expect(got == (try expected(filter)), "filter '\(filter)'")
    }

    @Test func everyFilterOfTheListSelectsSomethingAndNotEverything() throws {
        // Guards the table above against filters that pass vacuously.
        for filter in ["model=gpt-4o", "status>=500", "key=team-b/web", "team=team-a", "latency>1s", "fallback",
                       "tokens>=250", "cost<=0.001", "ttft<300ms", "ttft!=100ms", "stream", "provider=azure",
                       "class=5xx", "azure"] {
            let n = try expected(filter).count
            #expect(n > 0 && n < Self.traces.count, "filter '\(filter)' selects \(n)")
        }
    }

    @Test func aTraceWhoseNamesTheColumnsCannotHoldIsJudgedFromItsJSON() async throws {
        let store = try await filled()
        var odd = TraceFixtures.trace(99, time: Self.base + 99)
        odd.record.attempts[0].deployment = "gpt-4o/open\tai"
        try await store.store([odd])
        #expect(try await ids(store, "tries=2", limit: 1) == [odd.id])
        #expect(try await ids(store, "provider=azure", limit: 1) == [odd.id])
        #expect(try await ids(store, "class=429", limit: 1) == [odd.id])
        #expect(try await ids(store, "class=5xx", limit: 1) != [odd.id])
    }

    @Test func timeRangeIsSinceInclusiveUntilExclusive() async throws {
        let store = try await filled()
        let got = try await ids(store, "", since: Self.base + 3, until: Self.base + 7)
        #expect(got == Self.traces[3..<7].reversed().map(\.id))
        #expect(try await ids(store, "status>=500", since: Self.base + 5) == (try expected("status>=500", since: Self.base + 5)))
    }

    @Test func limitKeepsTheNewestMatches() async throws {
        let store = try await filled()
        #expect(try await ids(store, "", limit: 3) == Self.traces.suffix(3).reversed().map(\.id))
        #expect(try await ids(store, "team=team-a", limit: 2) == (try expected("team=team-a", limit: 2)))
        #expect(try await ids(store, "", limit: 0).isEmpty)
    }

    @Test func pagingReadsOnUntilTheLimitMatches() async throws {
        // 400 rows where one in 50 matches a filter SQL cannot narrow: the store must read several pages.
        let store = TraceStore(database: try TraceDatabase(), capacity: 10_000)
        let many = (0..<400).map { i in
            TraceFixtures.trace(i, time: Self.base + Double(i), key: i % 50 == 0 ? "rare" : "common")
        }
        try await store.store(many)
        let got = try await ids(store, "!key=common", limit: 6)
        #expect(got == [350, 300, 250, 200, 150, 100].map { many[$0].id })
        // Equal start times page by arrival: across three pages of ties none is skipped or repeated.
        let tied = (1_000..<1_250).map { TraceFixtures.trace($0, time: Self.base, key: $0 % 10 == 0 ? "rare" : "common") }
        try await store.store(tied)
        let query = TraceQuery(filter: try RequestFilter(parsing: "!key=common"), since: Self.base, until: Self.base + 1, limit: 30)
        let all = try await store.traces(matching: query).map(\.id)
        #expect(all.count == 26)
        #expect(Set(all).count == 26)
        #expect(all.last == many[0].id)
    }

    @Test func retentionDeletesTheOldestBeyondCapacity() async throws {
        let store = TraceStore(database: try TraceDatabase(), capacity: 10, sweepInterval: 4)
        for start in stride(from: 0, to: 30, by: 3) {
            let batch = (start..<start + 3).map { TraceFixtures.trace($0, time: Self.base + Double($0)) }
            try await store.store(batch)
            // Between sweeps the table may run over by less than one sweep interval's rows.
            #expect(try store.count() < 10 + 4 + 3)
        }
        try await store.sweep()
        #expect(try store.count() == 10)
        #expect(try jsonRows(store) == 10)
        let kept = try await store.traces(matching: TraceQuery(limit: 100)).map(\.id)
        #expect(kept == (20..<30).reversed().map { TraceFixtures.trace($0, time: 0).id })
        #expect(try await store.trace(id: TraceFixtures.trace(19, time: 0).id) == nil)
    }

    /// A client-chosen x-request-id reused by another tenant once replaced the first tenant's archived trace.
    /// Now each request's trace is kept: the first under the id, the other beside it under `ID~…`; storing the
    /// same trace again still replaces it.
    @Test func anIdReusedByAnotherRequestNeverReplacesTheFirstTrace() async throws {
        let store = TraceStore(database: try TraceDatabase())
        let victim = TraceFixtures.trace(1, time: Self.base, key: "team-a/ci")
        var intruder = TraceFixtures.trace(2, time: Self.base + 1, key: "team-b/bot", team: "team-b")
        intruder.record.id = victim.id
        try await store.store([victim])
        try await store.store([intruder])
        #expect(try store.count() == 2)
        // The intruder's trace stored again replaces itself, under its renamed id.
        try await store.store([intruder])
        #expect(try store.count() == 2)
        #expect(try jsonRows(store) == 2)
        #expect(try await store.trace(id: victim.id)?.record.key == "team-a/ci")
        let both = try await store.traces(matching: TraceQuery(filter: try RequestFilter(parsing: "id=\(victim.id)")))
        #expect(Set(both.map(\.record.key)) == ["team-a/ci", "team-b/bot"])
        // The same trace stored again replaces itself: still two.
        try await store.store([victim])
        #expect(try store.count() == 2)
    }

    @Test func sweepsKeepCountingWithoutRescanningAndDeleteInSmallSteps() async throws {
        let capacity = 10
        let store = TraceStore(database: try TraceDatabase(), capacity: capacity, sweepInterval: 1_000)
        try await store.store((0..<(capacity + TraceStore.rowsPerSweepTransaction * 2 + 5)).map {
            TraceFixtures.trace($0, time: Self.base + Double($0))
        })
        // The first sweep counts the table and deletes the overflow in several transactions.
        #expect(try await store.sweep() == TraceStore.rowsPerSweepTransaction * 2 + 5)
        #expect(try store.count() == capacity)
        // Replacing stored traces adds no rows; new ones do, and the kept count knows both.
        let newest = capacity + TraceStore.rowsPerSweepTransaction * 2 + 5
        try await store.store((newest - 3..<newest + 4).map { TraceFixtures.trace($0, time: Self.base + Double($0)) })
        #expect(try await store.sweep() == 4)
        #expect(try store.count() == capacity)
        #expect(try jsonRows(store) == capacity)
        #expect(try await store.sweep() == 0)
    }

    @Test func aRecorderFlushesIntoTheStoreAndReadsItBack() async throws {
        let store = TraceStore(database: try TraceDatabase())
        var config = TracingConfig()
        config.ringCapacity = 4
        let recorder = TraceRecorder(config: config, archive: store)
        for trace in Self.traces { recorder.record(trace) }
        let written = try await recorder.flush()
        #expect(written == Self.traces.count)
        #expect(try store.count() == Self.traces.count)
        // The ring kept four; the rest come from the archive.
        let oldest = try #require(Self.traces.first)
        #expect(try await recorder.trace(id: oldest.id) == oldest)
        let listed = try await recorder.traces(matching: TraceQuery(limit: 8)).map(\.id)
        #expect(listed == Self.traces.suffix(8).reversed().map(\.id))
    }

    @Test func databaseBytesGrowWithTheTraces() async throws {
        let store = TraceStore(database: try TraceDatabase(), capacity: 10_000)
        let empty = try store.databaseBytes()
        try await store.store((0..<500).map { TraceFixtures.trace($0, time: Self.base + Double($0)) })
        // 500 traces of a few kilobytes of JSON each cannot fit in the empty schema's pages.
        #expect(try store.databaseBytes() > empty + 500 * 1_000)
    }
}
