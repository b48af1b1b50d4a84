import Hummingbird
import SwitchyardJSON
import SwitchyardWire

extension SimulatorServer {
    /// `GET /v1/models`.
    func modelList() -> Response {
        jsonResponse(ModelList(data: options.models.map(listed)))
    }

    /// `GET /v1/models/{id}`: any id is served, so any id exists.
    func model(id: String) -> Response {
        jsonResponse(listed(id))
    }

    private func listed(_ id: String) -> ModelList.Model {
        // A fixed creation time keeps listings identical across runs.
        ModelList.Model(id: id, created: 1_735_689_600, ownedBy: options.name)
    }

    /// `GET /_sim/faults`: the current faults, every field present.
    func faultSettings() -> Response {
        jsonResponse(SimulatorFaultSettings(faults))
    }

    /// `PUT /_sim/faults`: replaces the faults; absent fields are off, `{}` (or an empty body) clears all.
    func updateFaults(_ request: Request, context: SimulatorRequestContext) async -> Response {
        var request = request
        guard let buffer = try? await request.collectBody(upTo: 1 << 20) else {
            return adminError("fault settings body too large")
        }
        let settings: SimulatorFaultSettings
        if buffer.readableBytes == 0 {
            settings = SimulatorFaultSettings()
        } else {
            guard let value = try? coder.decode(JSONValue.self, from: buffer), let object = value.objectValue else {
                return adminError("fault settings must be a JSON object, e.g. {\"error_rates\": {\"429\": 0.3}}")
            }
            let unknown = object.keys.filter { !SimulatorFaultSettings.fieldNames.contains($0) }.sorted()
            guard unknown.isEmpty else {
                let known = SimulatorFaultSettings.fieldNames.sorted().joined(separator: ", ")
                return adminError("unknown field(s) \(unknown.joined(separator: ", ")); known fields: \(known)")
            }
            do {
                settings = try coder.decode(SimulatorFaultSettings.self, from: buffer)
            } catch let error as DecodingError {
                return adminError(Self.describe(error))
            } catch {
                return adminError("could not read fault settings: \(error)")
            }
        }
        do {
            faults = try settings.profile()
        } catch {
            return adminError(error.description)
        }
        return faultSettings()
    }

    /// `GET /_sim/stats`.
    func statsResponse() -> Response {
        jsonResponse(stats.snapshot())
    }

    /// `DELETE /_sim/stats`: zeroes the counters (requests still being answered stay in flight).
    func resetStats() -> Response {
        stats.update { counters in
            let inFlight = counters.inFlight
            counters = SimulatorStatsSnapshot()
            counters.inFlight = inFlight
        }
        stats.forgetConnections()
        return jsonResponse(stats.snapshot())
    }

    /// `GET /_sim/requests`: the most recent API requests, oldest first.
    func recentRequestsResponse() -> Response {
        jsonResponse(SimulatorRecordedRequests(requests: requestLog.recent()))
    }

    /// `DELETE /_sim/requests`: forgets the recorded requests.
    func clearRequests() -> Response {
        requestLog.clear()
        return jsonResponse(SimulatorRecordedRequests(requests: []))
    }

    /// Any other path: a 404 in the shape of the provider the path looks like.
    func notFound(_ request: Request) -> Response {
        let path = request.uri.path
        let family: SimulatorWireFamily = if path.hasPrefix("/v1beta") || path.hasSuffix("GenerateContent") || path.hasSuffix(":generateContent") {
            .gemini
        } else if path.hasPrefix("/v1/messages") || path.hasPrefix("/v1/complete") {
            .anthropic
        } else {
            .openAI
        }
        return errorResponse(family, status: 404, message: "Unknown request URL: \(request.method.rawValue) \(path).")
    }

    private func adminError(_ message: String) -> Response {
        jsonResponse(SimulatorAdminError(error: .init(message: message)), status: 400)
    }
}
