/// Body of `GET /_sim/requests`: `{"requests":[…]}`, oldest first.
struct SimulatorRecordedRequests: Encodable {
    var requests: [SimulatorRecordedRequest]
}
