import AsyncHTTPClient
import Foundation
import SwitchyardTestSupport
import NIOCore
import Testing

extension SerialEndToEnd {
    /// The Routing view in a real terminal: `top` attached to a gateway whose `auto` model routed chat and code
    /// requests, `R` shows each task with the group that served it, `ctl route stats` prints the same rows.
    @Suite(.serialized) struct RoutingViewEndToEndTests {
        @Test func topShowsEachTaskAndItsGroup() async throws {
            let dir = try TestPaths.scratch("routing-view")
            defer { try? FileManager.default.removeItem(at: dir) }
            let gateway = try await SimulatedGateway.start(in: dir, models: [
                "{ name: coder, deployments: [{ provider: upstream, model: gpt-4.1, price: { input: 2, output: 8 } }] }",
                "{ name: auto, strategy: task, tasks: { chat: chat, code: coder } }",
            ])
            defer { gateway.stop() }
            for content in ["Hello!", "Where is my parcel?", "```go\\nfunc main() {}\\n```\\nwhy does this not build?"] {
                var request = HTTPClientRequest(url: gateway.url + "/v1/chat/completions")
                request.method = .POST
                request.headers.add(name: "content-type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: #"{"model":"auto","messages":[{"role":"user","content":"\#(content)"}]}"#))
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                #expect(response.status.code == 200)
                _ = try await response.body.collect(upTo: 1 << 20)
            }

            let stats = try await Spawn.run([try BuiltProduct.switchyard(), "ctl", "route", "stats", "--socket", gateway.socket])
            #expect(stats.status == 0, "\(stats.stderr)")
            #expect(stats.stdout.contains("auto   code") && stats.stdout.contains("coder"), "\(stats.stdout)")
            #expect(stats.stdout.contains("saved $"), "\(stats.stdout)")

            let tmux = try await TmuxSession(width: 120, height: 30)
            try await tmux.waitForPrompt()
            try await tmux.run("\(DashboardEndToEndTests.quote(try BuiltProduct.switchyard())) top --socket \(gateway.socket)")
            try await tmux.waitFor("the dashboard") { ScreenText.showsFullDashboard($0) }
            try await tmux.keys("R")
            let screen = try await tmux.waitFor("the Routing view with both tasks") { lines in
                lines.contains { $0.contains("Routing") }
                    && lines.contains { $0.contains("auto") && $0.contains("chat") && $0.contains("chat/upstream") }
                    && lines.contains { $0.contains("auto") && $0.contains("code") && $0.contains("coder/upstream") }
            }
            #expect(screen.contains { $0.contains("3 requests") }, "\(screen.joined(separator: "\n"))")
            try await tmux.keys("Escape")
            try await tmux.waitFor("the panes again") { ScreenText.showsFullDashboard($0) }
            try await tmux.quitDashboard()
        }
    }
}
