import Foundation
import Hummingbird
import SwitchyardControlAPI
import SwitchyardCore

/// The trace routes: list summaries, fetch one trace, either as OTLP/JSON. Without a recorder they answer 503.
extension ControlAPI {
    func addTraceRoutes(to router: Router<ControlContext>) {
        router.get(RouterPath(ControlPath.traces)) { request, _ in try await self.listTraces(request) }
        router.get(RouterPath(ControlPath.tracePattern)) { request, context in
            try await self.oneTrace(id: Self.segment("id", context), request)
        }
    }

    private func listTraces(_ request: Request) async throws -> Response {
        let tracer = try recorder()
        let parameters = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        let list: TraceListRequest
        do {
            list = try TraceListRequest(parameters: parameters, now: Date().timeIntervalSince1970)
        } catch {
            throw ControlFailure(.badRequest, error.message)
        }
        let traces: [RequestTrace]
        do {
            traces = try await tracer.traces(matching: list.query)
        } catch {
            throw ControlFailure(.internalServerError, "cannot read the trace archive: \(error)")
        }
        if list.otlp {
            return try json(OTLPTraceEncoder.export(traces, version: info().version), casing: .asDeclared)
        }
        return try json(TraceList(traces: traces.map(TraceSummary.init)))
    }

    private func oneTrace(id: String, _ request: Request) async throws -> Response {
        let tracer = try recorder()
        let format = request.uri.queryParameters.get("format")?.lowercased() ?? "json"
        guard format == "json" || format == "otlp" else {
            throw ControlFailure(.badRequest, "format must be json or otlp, got '\(format)'")
        }
        let found: RequestTrace?
        do {
            found = try await tracer.trace(id: id)
        } catch {
            throw ControlFailure(.internalServerError, "cannot read the trace archive: \(error)")
        }
        guard let trace = found else { throw ControlFailure(.notFound, "no trace for request '\(id)'") }
        if format == "otlp" {
            return try json(OTLPTraceEncoder.export([trace], version: info().version), casing: .asDeclared)
        }
        return try json(trace)
    }

    private func recorder() throws -> TraceRecorder {
        guard let tracer = engine.tracer else {
            throw ControlFailure(.serviceUnavailable, "this gateway records no traces (tracing is off)")
        }
        return tracer
    }
}
