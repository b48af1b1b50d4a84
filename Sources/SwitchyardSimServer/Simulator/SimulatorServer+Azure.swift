import Hummingbird

/// Azure OpenAI's routes: OpenAI's wire format at `/openai/deployments/{deployment}/…?api-version=…` (and the
/// version-less `/openai/v1/…`, the only one with the Responses API), keyed by an `api-key` header. The simulator
/// answers them like its OpenAI routes.
extension SimulatorServer {
    func registerAzureRoutes(on router: Router<SimulatorRequestContext>) {
        router.post("/openai/deployments/:deployment/chat/completions") { request, context in
            if let missing = Self.missingAPIVersion(request) { return missing }
            return await self.chatCompletions(request, context: context)
        }
        router.post("/openai/deployments/:deployment/embeddings") { request, context in
            if let missing = Self.missingAPIVersion(request) { return missing }
            return await self.embeddings(request, context: context)
        }
        router.post("/openai/v1/chat/completions") { request, context in
            await self.chatCompletions(request, context: context)
        }
        router.post("/openai/v1/embeddings") { request, context in
            await self.embeddings(request, context: context)
        }
        router.post("/openai/v1/responses") { request, context in
            await self.responses(request, context: context)
        }
    }

    /// Azure answers a deployment URL without `api-version` as a missing resource.
    static func missingAPIVersion(_ request: Request) -> Response? {
        guard request.uri.queryParameters["api-version"] == nil else { return nil }
        let body = #"{"error":{"code":"404","message":"Resource not found"}}"#
        return Response(status: .notFound, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
