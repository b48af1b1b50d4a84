@testable import SwitchyardControl
import SwitchyardCore
import Testing

/// The export's names and attributes against OpenTelemetry's GenAI semantic conventions: the request is the
/// SERVER span and each upstream attempt a CLIENT span, both named `{gen_ai.operation.name} {model}`.
@Suite struct OTLPGenAIConventionsTests {
    /// The sample trace with the attempts naming their provider and upstream model, as the engine's do.
    private func trace(endpoint: String = "/v1/chat/completions", traceState: String? = nil) -> RequestTrace {
        var trace = TraceSamples.trace(1)
        for k in trace.spans.indices {
            switch trace.spans[k].name {
            case .attempt:
                let provider = trace.spans[k].status == .ok ? "azure" : "openai"
                trace.spans[k].attributes += [TraceAttribute("provider", provider),
                                              TraceAttribute("model", "gpt-4o-2024-08-06")]
            case .parse:
                trace.spans[k].attributes = [TraceAttribute("endpoint", endpoint)]
            default: break
            }
        }
        trace.traceState = traceState
        return trace
    }

    private let upstreams = OTLPUpstream.directory([
        ProviderSpec(name: "openai", kind: .openai),
        ProviderSpec(name: "azure", kind: .openaiCompatible, baseURL: "http://10.0.0.7:8080/openai/v1"),
    ])

    private func attributes(_ span: OTLPTraceExport.Span) -> [String: OTLPTraceExport.AnyValue] {
        Dictionary(span.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func theRequestIsTheServerSpanNamedForOperationAndModel() throws {
        let spans = OTLPTraceEncoder.spans(of: trace(), upstreams: upstreams)
        let root = spans[0]
        #expect(root.name == "chat gpt-4o")
        #expect(root.kind == OTLPTraceEncoder.kindServer)
        let a = attributes(root)
        #expect(a["gen_ai.operation.name"] == .string("chat"))
        #expect(a["gen_ai.request.model"] == .string("gpt-4o"))
        #expect(a["gen_ai.response.model"] == .string("gpt-4o-2024-08-06"))
        #expect(a["gen_ai.provider.name"] == .string("azure"))
        #expect(a["gen_ai.usage.input_tokens"] == .int(1_200))
        #expect(a["gen_ai.usage.output_tokens"] == .int(340))
        #expect(a["error.type"] == nil)
        #expect(a["switchyard.span"] == .string("request"))
        // Every key appears once, whichever names the source and the conventions give it.
        #expect(Set(root.attributes.map(\.key)).count == root.attributes.count)
    }

    @Test func attemptsAreClientSpansWithProviderServerAndErrorType() throws {
        let attempts = OTLPTraceEncoder.spans(of: trace(), upstreams: upstreams).filter { $0.kind == OTLPTraceEncoder.kindClient }
        #expect(attempts.count == 2)
        #expect(attempts.allSatisfy { $0.name == "chat gpt-4o-2024-08-06" })
        let failed = attributes(attempts[0]), answered = attributes(attempts[1])
        #expect(failed["gen_ai.provider.name"] == .string("openai"))
        #expect(failed["server.address"] == .string("api.openai.com"))
        #expect(failed["server.port"] == .int(443))
        #expect(failed["error.type"] == .string("5xx"))
        #expect(failed["http.response.status_code"] == .int(503))
        #expect(failed["gen_ai.response.model"] == nil)
        // An OpenAI-compatible provider is named as configured.
        #expect(answered["gen_ai.provider.name"] == .string("azure"))
        #expect(answered["server.address"] == .string("10.0.0.7"))
        #expect(answered["server.port"] == .int(8080))
        #expect(answered["gen_ai.request.model"] == .string("gpt-4o-2024-08-06"))
        #expect(answered["gen_ai.usage.output_tokens"] == .int(340))
        #expect(answered["switchyard.deployment"] == .string("gpt-4o/azure"))
    }

    @Test func aFailedRequestCarriesErrorType() {
        var failed = TraceSamples.trace(2, status: 503)
        failed.record.attempts[1].errorClass = .server
        let root = OTLPTraceEncoder.spans(of: failed)[0]
        #expect(attributes(root)["error.type"] == .string(ErrorClass.server.rawValue))
    }

    @Test func embeddingsAreTheirOwnOperation() {
        let spans = OTLPTraceEncoder.spans(of: trace(endpoint: "/v1/embeddings"))
        #expect(spans[0].name == "embeddings gpt-4o")
        #expect(attributes(spans[0])["gen_ai.operation.name"] == .string("embeddings"))
    }

    @Test func theClientsTraceStateIsOnEverySpan() {
        let spans = OTLPTraceEncoder.spans(of: trace(traceState: "vendor=abc,other=1"))
        #expect(spans.allSatisfy { $0.traceState == "vendor=abc,other=1" })
        #expect(OTLPTraceEncoder.spans(of: trace()).allSatisfy { $0.traceState == nil })
    }

    @Test func otherStepsNamespaceTheirAttributes() {
        let spans = OTLPTraceEncoder.spans(of: trace())
        let route = spans.first { $0.name == "route" }
        #expect(route.map(attributes)?["switchyard.deployment"] == .string("gpt-4o/openai"))
        #expect(route?.kind == OTLPTraceEncoder.kindInternal)
    }

    /// A reload's new providers are named on the spans of their attempts; names already known stay.
    @Test func aReloadedProviderIsNamedOnItsAttempts() throws {
        let exporter = OTLPTraceExporter(settings: OTLPExporterSettings(endpoint: "http://127.0.0.1:9/v1/traces",
                                                                        wireProtocol: .json),
                                         upstreams: OTLPUpstream.directory([ProviderSpec(name: "openai", kind: .openai)]))
        let before = String(decoding: exporter.encode([trace()]), as: UTF8.self)
        #expect(!before.contains("10.0.0.7"))
        exporter.update(providers: [
            ProviderSpec(name: "azure", kind: .openaiCompatible, baseURL: "http://10.0.0.7:8080/openai/v1"),
        ])
        let after = String(decoding: exporter.encode([trace()]), as: UTF8.self)
        #expect(after.contains("10.0.0.7"))
        #expect(after.contains("api.openai.com"))
    }
}
