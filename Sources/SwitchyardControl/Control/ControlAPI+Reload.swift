import Hummingbird
import SwitchyardGateway

/// `POST /v1/reload`: re-read the config file, as SIGHUP does. 200 with what changed, 422 with every reason a
/// broken or restart-only file was refused (the running config stays), 409 when the gateway has no file.
extension ControlAPI {
    func reload(_ request: Request, _ context: ControlContext) throws -> Response {
        guard let reloader else {
            throw ControlFailure(.conflict, "this gateway was not started from a config file; there is nothing to reload")
        }
        let outcome = reloader.reload(actor: Self.actor(request, context))
        return try json(outcome, status: outcome.applied ? .ok : .unprocessableContent)
    }
}
