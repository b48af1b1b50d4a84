import Foundation
import SwitchyardCore
import Testing

extension SerialEndToEnd {
    /// The request inspector in the real binary: from the Requests list, filtered to failures, one key opens a
    /// failed request's trace as a waterfall.
    @Suite("Request inspector end to end", .serialized)
    struct InspectorEndToEndTests {
        /// Requests that met a 5xx on some attempt. The demo's incidents rarely make a request fail outright (it
        /// falls back), so `status>=500` may list nothing for minutes; a 5xx attempt shows within one 75-second
        /// incident cycle.
        static let filter = "class=5xx"

        @Test("from the focused, filtered Requests list, Enter opens a failed attempt's waterfall")
        func errorWaterfall() async throws {
            let tmux = try TmuxSession(width: 120, height: 40)
            try tmux.waitForPrompt()
            try tmux.run("\(DashboardEndToEndTests.quote(try BuiltProduct.switchyard())) --seed 1")
            try tmux.waitFor("the dashboard with a first snapshot") { lines in
                ScreenText.showsFullDashboard(lines) && (lines.first?.contains("req/s") ?? false)
            }
            try tmux.keys("6")
            try tmux.type("/" + Self.filter)
            try tmux.keys("Enter")
            try tmux.waitFor(text: Self.filter)

            // Wait for a match (up to a whole incident cycle), then one key: Enter on the newest.
            var opened: [String] = []
            for _ in 0..<3 where opened.isEmpty {
                try tmux.waitFor("a request that met a 5xx", timeout: 90) { (Self.matches($0) ?? 0) > 0 }
                try tmux.keys("Enter")
                opened = (try? tmux.waitFor("the request's detail view", timeout: 5) { lines in
                    lines.contains { $0.contains("6 Requests › req_") }
                }) ?? []
            }
            #expect(!opened.isEmpty, "Enter opened no request")
            let screen = try tmux.waitFor("the trace or why there is none") { lines in
                let text = lines.joined(separator: "\n")
                return Self.isWaterfall(lines) || text.contains("no trace kept") || text.contains("trace unavailable")
            }
            let text = screen.joined(separator: "\n")
            let recording = await Self.engineRecordsTraces()
            if !Self.isWaterfall(screen), !recording {
                // This build's engine records no traces: the inspector says so and shows the attempts instead.
                #expect(text.contains("no trace kept"), "\(text)")
                #expect(Self.attemptRows(screen).contains(where: Self.showsServerError), "\(text)")
                withKnownIssue("the engine in this build records no traces", isIntermittent: true) {
                    Issue.record("no waterfall: the gateway kept no trace")
                }
            } else {
                #expect(Self.isWaterfall(screen), "no waterfall:\n\(text)")
                #expect(screen.contains { $0.contains("trace ") && $0.range(of: "[0-9a-f]{32}", options: .regularExpression) != nil },
                        "no trace id:\n\(text)")
                let attempts = Self.spanRows(screen).filter { $0.contains("attempt") }
                #expect(!attempts.isEmpty, "no attempt spans:\n\(text)")
                #expect(attempts.contains(where: Self.showsServerError), "no attempt with a 5xx:\n\(text)")
            }

            // Esc goes back to the list, still filtered.
            try tmux.keys("Escape")
            try tmux.waitFor("the list again") { lines in
                ScreenText.showsFullDashboard(lines) && lines.joined().contains(Self.filter)
            }
            try tmux.keys("q")
            try tmux.waitForPrompt()
        }

        /// "N" of the Requests pane title "6 Requests ▶ follow · N of M · class=5xx".
        static func matches(_ lines: [String]) -> Int? {
            guard let title = lines.first(where: { $0.contains("6 Requests") && $0.contains(filter) }),
                  let range = title.range(of: "· [0-9]+ of", options: .regularExpression) else { return nil }
            return Int(title[range].dropFirst(2).dropLast(3))
        }

        /// Whether the screen shows a span table: its header row, then a `request` row.
        static func isWaterfall(_ lines: [String]) -> Bool {
            guard let header = ScreenText.line(containing: ["span", "start", "took"], in: lines) else { return false }
            return lines.dropFirst(header.index + 1).first?.contains("request") ?? false
        }

        /// Rows of the span table (between its header and the rule above the selected span's details).
        static func spanRows(_ lines: [String]) -> [String] {
            guard let header = ScreenText.line(containing: ["span", "start", "took"], in: lines) else { return [] }
            return Array(lines.dropFirst(header.index + 1).prefix { !$0.hasPrefix("│─") && !$0.hasPrefix("└") })
        }

        /// Rows of the attempts table shown without a trace.
        static func attemptRows(_ lines: [String]) -> [String] {
            guard let header = ScreenText.line(containing: ["deployment", "result", "decision"], in: lines) else { return [] }
            return Array(lines.dropFirst(header.index + 1).prefix { !$0.hasPrefix("└") })
        }

        /// A 5xx status or the 5xx error class on the line.
        static func showsServerError(_ line: String) -> Bool {
            line.contains("5xx") || line.range(of: "(^|[^0-9])5[0-9][0-9]([^0-9]|$)", options: .regularExpression) != nil
        }

        /// Whether the engine this binary was built with records traces: one request through an engine with a
        /// recorder, answered at once.
        static func engineRecordsTraces() async -> Bool {
            struct Answer: UpstreamTransport {
                func send(_ call: UpstreamCall) async -> Result<UpstreamSuccess, UpstreamFailure> {
                    .success(UpstreamSuccess(inputTokens: call.request.inputTokens, outputTokens: 1))
                }
            }
            let catalog = Catalog(
                providers: [ProviderSpec(name: "p", kind: .openai)],
                deployments: [DeploymentSpec(id: "m/p", model: "m", provider: "p", upstreamModel: "m",
                                             price: Price(inputPerMTok: 1, outputPerMTok: 1))],
                models: [ModelGroupSpec(name: "m", strategy: .weighted, deployments: ["m/p"])])
            let tracer = TraceRecorder()
            guard let engine = try? GatewayEngine(catalog: catalog, transport: Answer(), tracer: tracer) else { return false }
            _ = await engine.handle(GatewayRequest(id: "probe", model: "m", inputTokens: 1))
            return (try? await tracer.trace(id: "probe")) != nil
        }
    }
}
