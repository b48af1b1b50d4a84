import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Runs before every route: admits only permitted peers (see `PeerAccess`) and renders every refusal —
/// unknown route, bad parameter, oversized body — as `{"error":"message"}`.
struct ControlGuardMiddleware: RouterMiddleware {
    typealias Context = ControlContext
    let serverUID: UInt32

    func handle(
        _ request: Request, context: ControlContext, next: (Request, ControlContext) async throws -> Response
    ) async throws -> Response {
        let peer = await PeerCredentials.read(from: context.channel)
        guard PeerAccess.allows(peerUID: peer?.uid, serverUID: serverUID) else {
            let who = peer.map { "uid \($0.uid)" } ?? "a peer of unknown uid"
            return Self.error(.forbidden, "\(who) may not use this gateway's control socket; it runs as uid \(serverUID)")
        }
        var context = context
        context.peer = peer
        do {
            return try await next(request, context)
        } catch let failure as ControlFailure {
            return Self.error(failure.status, failure.message)
        } catch let error as HTTPError {
            let message: String
            switch error.status {
            case .notFound: message = "no such endpoint: \(request.method) \(request.uri.path)"
            case .methodNotAllowed: message = "\(request.method) is not allowed on \(request.uri.path)"
            default: message = error.body ?? error.status.reasonPhrase
            }
            return Self.error(error.status, message)
        }
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: ControlJSON.errorBody(message))))
    }
}
