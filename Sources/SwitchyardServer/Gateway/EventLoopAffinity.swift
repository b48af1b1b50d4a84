import Hummingbird
import NIOCore

/// Runs each request on its connection's event loop (see `EventLoopExecutor`) and finds the connection's
/// hang-up watch, which can only be looked up from that loop.
struct EventLoopAffinity: RouterMiddleware {
    func handle(
        _ request: Request, context: GatewayContext, next: (Request, GatewayContext) async throws -> Response
    ) async throws -> Response {
        let loop = context.channel.eventLoop
        return try await withTaskExecutorPreference(EventLoopExecutor.of(loop)) {
            var context = context
            if loop.inEventLoop {
                context.hangUp = try? context.channel.pipeline.syncOperations.handler(type: HangUpHandler.self)
            }
            return try await next(request, context)
        }
    }
}
