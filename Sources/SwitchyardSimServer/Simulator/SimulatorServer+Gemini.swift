import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardJSON
import SwitchyardWire

/// Google's Gemini API routes: `POST /v1beta/models/{model}:generateContent` and
/// `:streamGenerateContent?alt=sse` (and the same under `/v1/`), keyed by `x-goog-api-key` (or `?key=`), with
/// `GET /v1beta/models[/{model}]`. Answers are Google's wire format: `candidates[0].content.parts` (text, or a
/// whole `functionCall`), `finishReason`, `usageMetadata`, `modelVersion`, `responseId`; streams are `data:`
/// events separated by CRLF blank lines, each chunk with the usage so far, the last with the finish reason;
/// errors are `{"error":{"code","message","status"}}`.
extension SimulatorServer {
    func registerGeminiRoutes(on router: Router<SimulatorRequestContext>) {
        for version in ["v1beta", "v1"] {
            router.post(RouterPath("/\(version)/models/:id")) { request, context in
                await self.gemini(request, context: context)
            }
        }
        router.get("/v1beta/models") { request, _ in
            self.geminiUnauthorized(request) ?? self.jsonResponse(
                ByteBuffer(bytes: GeminiModelList(models: self.options.models.map { GeminiModel(id: $0) }).wireBytes))
        }
        router.get("/v1beta/models/:id") { request, context in
            self.geminiUnauthorized(request) ?? self.jsonResponse(
                ByteBuffer(bytes: GeminiModel(id: context.parameters.get("id") ?? "").wireBytes))
        }
    }

    /// `POST …/models/{model}:{method}`.
    func gemini(_ request: Request, context: SimulatorRequestContext) async -> Response {
        let ticket = stats.begin(on: context.channel)
        if let denied = geminiUnauthorized(request) {
            ticket.answered(Int(denied.status.code))
            return denied
        }
        // Named as the model lookups name it: one capture per path in the router.
        let call = context.parameters.get("id") ?? ""
        guard let colon = call.lastIndex(of: ":") else {
            ticket.answered(404)
            return errorResponse(.gemini, status: 404, message: "Method not found.")
        }
        let model = String(call[..<colon])
        let stream: Bool
        switch call[call.index(after: colon)...] {
        case "generateContent": stream = false
        case "streamGenerateContent":
            guard request.uri.queryParameters["alt"] == "sse" else {
                return invalidRequest(.gemini, "The simulator streams server-sent events only: add ?alt=sse.", ticket: ticket)
            }
            stream = true
        default:
            ticket.answered(404)
            return errorResponse(.gemini, status: 404, message: "Method not found.")
        }
        let body: GeminiGenerateContentRequest
        switch await decodeBody(GeminiGenerateContentRequest.self, from: request, context: context) {
        case .success(let decoded): body = decoded
        case .failure(let problem):
            ticket.answered(problem.status)
            return errorResponse(.gemini, status: problem.status, message: "Invalid JSON payload received. \(problem.message)")
        }
        if body.contents.isEmpty {
            return invalidRequest(.gemini, "* GenerateContentRequest.contents: contents is not specified", ticket: ticket)
        }
        if let cap = body.generationConfig?.maxOutputTokens, cap < 1 {
            return invalidRequest(
                .gemini, "* GenerateContentRequest.generation_config.max_output_tokens: must be positive", ticket: ticket)
        }
        return await answer(.gemini, call: drawCall(), ticket: ticket, context: context) { call in
            try Self.geminiReply(body, model: model, stream: stream, call: &call)
        }
    }

    /// Google's answer to a bad or missing key, or nil when the key is right (or none is required): no key is a
    /// 403 `PERMISSION_DENIED`, a wrong one a 400 `INVALID_ARGUMENT` whose `ErrorInfo` says `API_KEY_INVALID`.
    func geminiUnauthorized(_ request: Request) -> Response? {
        guard let key = options.apiKey else { return nil }
        let header = HTTPField.Name("x-goog-api-key").flatMap { request.headers[$0] }
        guard let presented = header ?? request.uri.queryParameters["key"].map(String.init) else {
            return errorResponse(
                .gemini, status: 403,
                message: "Method doesn't allow unregistered callers (callers without established identity). "
                    + "Please use API Key or other form of API consumer identity to call this API.")
        }
        if presented == key { return nil }
        let body = GeminiErrorBody(
            code: 400, message: "API key not valid. Please pass a valid API key.", status: "INVALID_ARGUMENT",
            details: [[
                "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
                "domain": "googleapis.com", "metadata": ["service": "generativelanguage.googleapis.com"],
            ]])
        return jsonResponse(ByteBuffer(bytes: body.wireBytes), status: 400)
    }

    /// An injected error in Google's words; a 429 carries a `RetryInfo` with the delay.
    func geminiFault(status: Int, retryAfter: Double?, headers: HTTPFields) -> Response {
        let message = switch status {
        case 429: "Resource has been exhausted (e.g. check quota). (simulated by \(options.name))"
        case 503: "The model is overloaded. Please try again later. (simulated by \(options.name))"
        case 500...599: "An internal error has occurred (simulated \(status) by \(options.name))."
        default: "Simulated \(status) from \(options.name)."
        }
        var body = GeminiErrorBody.forStatus(status, message: message)
        if let retryAfter {
            let seconds = Int(saturating: retryAfter.rounded(.up))
            body.error.details = [["@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": .string("\(seconds)s")]]
        }
        return jsonResponse(ByteBuffer(bytes: body.wireBytes), status: status, headers: headers)
    }

    /// The function a Gemini request gets a call to, if the model should call one now: per
    /// `functionCallingConfig` (`ANY` names the first allowed), else when the last turn is the user's and
    /// answers no call.
    static func chosenFunction(_ request: GeminiGenerateContentRequest) -> GeminiFunctionDeclaration? {
        let declarations = (request.tools ?? []).flatMap { $0.functionDeclarations ?? [] }
        guard let first = declarations.first else { return nil }
        let config = request.toolConfig?.functionCallingConfig
        switch config?.mode {
        case "NONE"?: return nil
        case "ANY"?:
            let allowed = config?.allowedFunctionNames ?? []
            return declarations.first { allowed.contains($0.name) } ?? first
        default:
            guard let last = request.contents.last, last.role != "model" else { return nil }
            return last.parts.contains { $0.functionResponse != nil } ? nil : first
        }
    }

    /// A Gemini answer for `request` (JSON or stream frames), drawn from `call`; shared with in-process upstreams.
    static func geminiReply(
        _ request: GeminiGenerateContentRequest, model: String, stream: Bool, call: inout SimulatorCall
    ) throws -> SimulatorReply {
        let responseID = SimulatorIDs.make("", length: 22, using: &call.rng)
        let chat = ChatCompletionRequest(translating: request, model: model, stream: stream)
        let promptTokens = max(1, TokenEstimate.inputTokens(chat))
        let config = request.generationConfig
        let output: SimulatedOutput
        if let function = chosenFunction(request) {
            output = .toolCall(name: function.name, schema: function.argumentsJSONSchema, id: "", call: &call)
        } else if call.jsonMode, let format = chat.responseFormat, SimulatedOutput.wantsJSON(format) {
            output = .json(format: format, call: &call)
        } else {
            output = .text(call: &call, cap: config?.maxOutputTokens ?? 8192, stops: config?.stopSequences ?? [])
        }
        let tokens = output.completionTokens
        let usage = GeminiUsageMetadata(promptTokenCount: promptTokens, candidatesTokenCount: tokens)
        let finish = switch output {
        case .text(_, .length): "MAX_TOKENS"
        default: "STOP"
        }

        func answer(_ parts: [GeminiPart], finishReason: String?, usage: GeminiUsageMetadata) -> GeminiGenerateContentResponse {
            GeminiGenerateContentResponse(
                candidates: [GeminiCandidate(
                    content: GeminiContent(role: "model", parts: parts), finishReason: finishReason, index: 0)],
                usageMetadata: usage, modelVersion: model, responseID: responseID)
        }
        let parts: [GeminiPart] = switch output {
        case .text(let pieces, _): [.text(pieces.joined())]
        case .toolCall(let tool): [GeminiPart(functionCall: GeminiFunctionCall(name: tool.name, args: tool.input))]
        }

        guard stream else {
            return .json(ByteBuffer(bytes: answer(parts, finishReason: finish, usage: usage).wireBytes), tokens: tokens)
        }
        func frame(_ chunk: GeminiGenerateContentResponse) -> ByteBuffer {
            var out = ByteBuffer()
            out.writeString("data: ")
            out.writeBytes(chunk.wireBytes)
            out.writeString("\r\n\r\n")
            return out
        }
        switch output {
        case .text(let pieces, _):
            // Every chunk carries the usage known so far, as Google's do; only the last has the answer's count.
            let running = GeminiUsageMetadata(promptTokenCount: promptTokens, candidatesTokenCount: nil)
            let prefix = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":"
            let suffix = "}],\"role\":\"model\"},\"index\":0}],\"usageMetadata\":"
                + String(decoding: running.wireBytes, as: UTF8.self)
                + ",\"modelVersion\":\(SimulatorJSONText.quoted(model)),\"responseId\":\"\(responseID)\"}\r\n\r\n"
            var frames: [SimulatorFrame] = SimulatorChunking.chunks(pieces).map { piece in
                .content(SimulatorJSONText.frame(prefix, piece.text, suffix), tokens: piece.tokens)
            }
            frames.append(.control(frame(answer([.text("")], finishReason: finish, usage: usage))))
            return .stream(frames)
        case .toolCall:
            // Gemini sends a function call whole, in the chunk that ends the answer.
            return .stream([.content(frame(answer(parts, finishReason: finish, usage: usage)), tokens: tokens)])
        }
    }
}
