import Foundation
@testable import SwitchyardSimServer
import SwitchyardWire
import Testing

@Suite struct SimulatorEmbeddingsTests {
    @Test func vectorsAreDeterministicPerInput() async throws {
        try await withSimulator(testOptions()) { sim in
            let body = #"{"model":"text-embedding-3-small","input":["one","two"],"encoding_format":"float"}"#
            let first = try await sim.post("/v1/embeddings", body).decode(EmbeddingsResponse.self)
            let second = try await sim.post("/v1/embeddings", body).decode(EmbeddingsResponse.self)
            #expect(first.object == "list")
            #expect(first.model == "text-embedding-3-small")
            #expect(first.data.map(\.index) == [0, 1])
            let one = try #require(first.data[0].embedding.floats)
            let two = try #require(first.data[1].embedding.floats)
            #expect(one.count == SimulatorEmbedding.defaultDimensions)
            #expect(one != two)
            #expect(second.data[0].embedding.floats == one)
            let norm = one.reduce(0) { $0 + $1 * $1 }
            #expect(abs(norm - 1) < 1e-3)
            #expect(first.usage.promptTokens > 0)
        }
    }

    @Test func base64AndDimensions() async throws {
        try await withSimulator(testOptions()) { sim in
            let base64 = try await sim.post(
                "/v1/embeddings", #"{"model":"e","input":"one","encoding_format":"base64","dimensions":64}"#
            ).decode(EmbeddingsResponse.self)
            guard case .base64? = base64.data.first?.embedding else { Issue.record("not base64"); return }
            #expect(base64.data.first?.embedding.floats?.count == 64)

            let floats = try await sim.post("/v1/embeddings", #"{"model":"e","input":"one","dimensions":64}"#)
                .decode(EmbeddingsResponse.self)
            #expect(floats.data.first?.embedding.floats == base64.data.first?.embedding.floats)
        }
    }

    @Test func modelList() async throws {
        let options = SimulatorOptions(name: "primary", models: ["gpt-sim", "claude-sim", "embed-sim"])
        try await withSimulator(options) { sim in
            let list = try await sim.send(.GET, "/v1/models").decode(ModelList.self)
            #expect(list.object == "list")
            #expect(list.data.map(\.id) == ["gpt-sim", "claude-sim", "embed-sim"])
            #expect(list.data.allSatisfy { $0.ownedBy == "primary" && $0.object == "model" })
            let one = try await sim.send(.GET, "/v1/models/gpt-sim").decode(ModelList.Model.self)
            #expect(one.id == "gpt-sim")
        }
    }
}
