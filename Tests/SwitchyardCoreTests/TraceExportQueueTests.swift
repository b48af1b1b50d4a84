import Testing
@testable import SwitchyardCore

/// The OTLP exporter's queue: bounded in spans, dropping the newest when full, counting what it sheds.
@Suite struct TraceExportQueueTests {
    private func trace(_ id: String, spans: Int) -> RequestTrace {
        let record = RequestRecord(
            id: id, time: 100, model: "gpt", servedBy: nil, key: nil, team: nil, status: 200, latency: 0.5,
            timeToFirstToken: nil, inputTokens: 0, outputTokens: 0, cost: 0, stream: false, fellBack: false,
            errorMessage: nil, attempts: [])
        let all = (0..<spans).map {
            TraceSpan(spanID: String(repeating: "0", count: 15) + String($0 % 10), parentSpanID: nil, name: .request,
                      start: 0, duration: 0.5)
        }
        return RequestTrace(record: record, traceID: String(repeating: "a", count: 32), parentSpanID: nil, spans: all)
    }

    @Test func aFullQueueDropsTheNewestAndCountsItsSpans() {
        let queue = TraceExportQueue(capacity: 10)
        #expect(queue.offer(trace("a", spans: 4)))
        #expect(queue.offer(trace("b", spans: 4)))
        #expect(!queue.offer(trace("c", spans: 4)))
        #expect(queue.offer(trace("d", spans: 2)))
        #expect(!queue.offer(trace("e", spans: 1)))
        #expect(queue.counts == TraceExportCounts(exported: 0, dropped: 5, queued: 10))
        #expect(queue.take(maxSpans: 100).map(\.id) == ["a", "b", "d"])
        #expect(queue.queuedSpans == 0)
        #expect(queue.offer(trace("f", spans: 10)))
    }

    @Test(arguments: [(1, ["a"]), (4, ["a"]), (7, ["a", "b"]), (8, ["a", "b"]), (9, ["a", "b", "c"]), (100, ["a", "b", "c", "d"])])
    func batchesTakeWholeTracesUpToTheSpanLimit(limit: Int, expected: [String]) {
        let queue = TraceExportQueue(capacity: 100)
        for (id, n) in [("a", 4), ("b", 3), ("c", 2), ("d", 5)] { queue.offer(trace(id, spans: n)) }
        #expect(queue.take(maxSpans: limit).map(\.id) == expected)
        #expect(queue.queuedSpans == 14 - expected.reduce(0) { $0 + ["a": 4, "b": 3, "c": 2, "d": 5][$1, default: 0] })
    }

    @Test func anEmptyQueueGivesNothing() {
        let queue = TraceExportQueue(capacity: 4)
        #expect(queue.take(maxSpans: 10).isEmpty)
    }

    @Test func takingKeepsOrderAcrossManyRounds() {
        let queue = TraceExportQueue(capacity: 1_000)
        var next = 0, seen: [String] = []
        for _ in 0..<50 {
            for _ in 0..<7 { queue.offer(trace("t\(next)", spans: 1)); next += 1 }
            seen += queue.take(maxSpans: 5).map(\.id)
        }
        seen += queue.take(maxSpans: .max).map(\.id)
        #expect(seen == (0..<next).map { "t\($0)" })
    }

    @Test func exportedAndDroppedAreCounted() {
        let queue = TraceExportQueue(capacity: 4)
        queue.exported(spans: 7)
        queue.dropped(spans: 3)
        #expect(queue.counts == TraceExportCounts(exported: 7, dropped: 3, queued: 0))
    }

    @Test func theRecorderHandsEveryTraceToTheQueue() {
        let queue = TraceExportQueue(capacity: 3)
        let recorder = TraceRecorder(exportQueue: queue)
        for i in 0..<5 { recorder.record(trace("r\(i)", spans: 1)) }
        #expect(recorder.count == 5)
        #expect(queue.counts.queued == 3 && queue.counts.dropped == 2)
    }

    @Test func theExpositionCarriesTheExportersCounters() throws {
        var snapshot = MetricsSnapshot(inFlightRequests: 0, deployments: [], models: [], unknownModelRequests: [])
        #expect(!PrometheusExposition.render(snapshot).contains("switchyard_otlp_"))
        snapshot.traceExport = TraceExportCounts(exported: 12, dropped: 3, queued: 4)
        let p = try ParsedExposition(PrometheusExposition.render(snapshot))
        #expect(p.types["switchyard_otlp_spans_exported_total"] == "counter")
        #expect(p.types["switchyard_otlp_spans_dropped_total"] == "counter")
        #expect(p.types["switchyard_otlp_spans_queued"] == "gauge")
        #expect(p.value("switchyard_otlp_spans_exported_total") == 12)
        #expect(p.value("switchyard_otlp_spans_dropped_total") == 3)
        #expect(p.value("switchyard_otlp_spans_queued") == 4)
    }
}
