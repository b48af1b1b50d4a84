import Foundation
import SwitchyardWire

/// A Responses request continuing a stored response: its conversation put before the request's input, and the
/// answer kept in turn, unless the request says `store: false`.
extension ResponsesRequest {
    func prepared(responses: StoredResponses?, key: String?) async -> PreparedOperation<ResponsesRequest> {
        var request = self
        if let previous = previousResponseID {
            guard let responses else {
                return .refused(
                    status: 400, message: "'previous_response_id' needs stored responses, which this gateway does not "
                        + "keep: enable them with `responses: { store: true }` in its config, or send the whole "
                        + "conversation in 'input'",
                    param: "previous_response_id", code: nil)
            }
            let history: [ResponsesInputItem]?
            do {
                history = try await responses.history(id: previous, key: key)
            } catch {
                return .refused(status: 500, message: "cannot read stored responses: \(error)",
                                param: "previous_response_id", code: nil)
            }
            // Another key's response is as absent as one that never existed: ids do not leak across keys.
            guard let history else {
                return .refused(status: 400, message: "Previous response with id '\(previous)' not found.",
                                param: "previous_response_id", code: "previous_response_not_found")
            }
            request = request.continuing(history)
        }
        let keeper = responses.flatMap { store in self.store == false ? nil : ResponseKeeper(store: store, key: key) }
        request.store = keeper != nil
        return .ready(request, .responses(request, createdAt: Int(Date().timeIntervalSince1970), keeper: keeper))
    }
}
