import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardCore
import SwitchyardJSON
import SwitchyardSim
import SwitchyardWire

extension SimulatorServer {
    /// Answers one drawn call: applies its fault, waits its latency and sends `build`'s reply.
    func answer(
        _ family: SimulatorWireFamily, call: SimulatorCall, ticket: SimulatorTicket,
        context: SimulatorRequestContext, build: (inout SimulatorCall) throws -> SimulatorReply
    ) async -> Response {
        let channel = context.channel
        switch call.fault {
        case .connectionRefused:
            ticket.fault(.refused)
            await SimulatorPacing.drop(channel)
            return Response(status: .ok)
        case .hang(let seconds):
            ticket.fault(.hung)
            if !(await SimulatorPacing.pause(seconds, on: channel)) { ticket.cancelled() }
            await SimulatorPacing.drop(channel)
            return Response(status: .ok)
        case .status(let status, let retryAfter):
            if !(await SimulatorPacing.pause(call.errorDelay(status: status), on: channel)) { ticket.cancelled() }
            ticket.answered(status)
            return faultError(family, status: status, retryAfter: retryAfter)
        default:
            break
        }

        var call = call
        let reply: SimulatorReply
        do {
            reply = try build(&call)
        } catch {
            ticket.answered(500)
            return errorResponse(family, status: 500, message: "The simulator could not encode its answer: \(error)")
        }

        switch reply {
        case .json(let body, let tokens):
            guard await SimulatorPacing.pause(call.totalSeconds(tokens: tokens), on: channel) else {
                ticket.cancelled()
                await SimulatorPacing.drop(channel)
                return Response(status: .ok)
            }
            ticket.answered(200)
            switch call.fault {
            case .malformedBody?:
                ticket.fault(.malformed)
                let half = body.getSlice(at: body.readerIndex, length: body.readableBytes / 2) ?? ByteBuffer()
                return jsonResponse(half)
            case .streamCut(let fraction)?:
                ticket.fault(.cut)
                return cutJSONResponse(body, fraction: fraction, channel: channel)
            default:
                return jsonResponse(body)
            }
        case .stream(let frames, let breaksWith):
            ticket.answered(200, streaming: true)
            if call.fault == .malformedBody { ticket.fault(.malformed) }
            let player = SimulatorStreamPlayer(
                frames: frames, timeToFirstToken: call.timeToFirstToken, secondsPerToken: call.secondsPerToken,
                fault: call.fault, channel: channel, ticket: ticket, breaksWith: breaksWith
            )
            var headers = HTTPFields()
            headers[.contentType] = family == .bedrock
                ? "application/vnd.amazon.eventstream" : "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await player.play(to: &writer)
            })
        }
    }

    /// A 200 JSON response.
    func jsonResponse(_ body: ByteBuffer, status: Int = 200, headers extra: HTTPFields = HTTPFields()) -> Response {
        var headers = extra
        headers[.contentType] = "application/json"
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// `value` as a JSON response; a plain 500 if it cannot be encoded.
    func jsonResponse<T: Encodable>(_ value: T, status: Int = 200) -> Response {
        guard let body = try? coder.buffer(value) else {
            return Response(status: .internalServerError)
        }
        return jsonResponse(body, status: status)
    }

    /// The provider's error body for `status`, in the route's wire family.
    func errorResponse(
        _ family: SimulatorWireFamily, status: Int, message: String, headers: HTTPFields = HTTPFields()
    ) -> Response {
        let body: ByteBuffer?
        switch family {
        case .openAI:
            body = try? coder.buffer(OpenAIErrorBody.forStatus(status, message: message))
        case .anthropic:
            body = try? coder.buffer(AnthropicErrorBody.forStatus(status, message: message))
        case .gemini:
            body = ByteBuffer(bytes: GeminiErrorBody.forStatus(status, message: message).wireBytes)
        case .bedrock:
            return bedrockError(status: status, message: message, headers: headers)
        }
        return jsonResponse(body ?? ByteBuffer(), status: status, headers: headers)
    }

    /// A 400 for a request the route cannot accept.
    func invalidRequest(_ family: SimulatorWireFamily, _ message: String, ticket: SimulatorTicket) -> Response {
        ticket.answered(400)
        return errorResponse(family, status: 400, message: message)
    }

    /// An injected error status, worded like the provider and with `retry-after` on rate limits.
    private func faultError(_ family: SimulatorWireFamily, status: Int, retryAfter: Double?) -> Response {
        var headers = HTTPFields()
        if let retryAfter {
            headers[.retryAfter] = String(Int(saturating: retryAfter.rounded(.up)))
            if let name = HTTPField.Name("retry-after-ms") {
                headers[name] = String(Int(saturating: (retryAfter * 1000).rounded()))
            }
        }
        if family == .gemini { return geminiFault(status: status, retryAfter: retryAfter, headers: headers) }
        let message: String
        switch (family, status) {
        case (.openAI, 429):
            message = "Rate limit reached for requests on \(options.name) (simulated). Please try again later."
        case (.anthropic, 429):
            message = "Number of requests has exceeded your rate limit (simulated by \(options.name))."
        case (.anthropic, 503), (.anthropic, 529):
            message = "Overloaded"
        case (_, 500...599):
            message = "The server had an error while processing your request (simulated \(status) by \(options.name))."
        default:
            message = "Simulated \(status) from \(options.name)."
        }
        return errorResponse(family, status: status, message: message, headers: headers)
    }

    /// Sends part of a JSON body with a full `content-length`, then closes the connection.
    private func cutJSONResponse(_ body: ByteBuffer, fraction: Double, channel: any Channel) -> Response {
        let keep = max(1, min(body.readableBytes - 1, Int(Double(body.readableBytes) * fraction)))
        let head = body.getSlice(at: body.readerIndex, length: keep) ?? ByteBuffer()
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(contentLength: body.readableBytes) { writer in
                try await writer.write(head)
                await SimulatorPacing.drop(channel)
                throw SimulatorConnectionDropped()
            }
        )
    }

    /// A 401 in the route's shape when a key is required and the request does not carry it; nil when allowed.
    func unauthorized(_ family: SimulatorWireFamily, _ request: Request) -> Response? {
        guard let key = options.apiKey else { return nil }
        if request.headers[.authorization] == "Bearer " + key { return nil }
        if let name = HTTPField.Name("x-api-key"), request.headers[name] == key { return nil }
        // Azure OpenAI's header.
        if let name = HTTPField.Name("api-key"), request.headers[name] == key { return nil }
        // As OpenAI does, the message quotes the presented key masked to its ends: what a gateway must not relay.
        let presented = request.headers[.authorization].map { String($0.dropFirst("Bearer ".count)) } ?? ""
        let masked = presented.count > 8 ? "\(presented.prefix(3))***\(presented.suffix(4))" : "***"
        let message = family == .openAI
            ? "Incorrect API key provided: \(masked). You can find your API key at https://platform.openai.com/account/api-keys."
            : "invalid x-api-key"
        return errorResponse(family, status: 401, message: message)
    }

    /// Collects a request body and decodes it, or explains why it cannot be.
    func decodeBody<T: Decodable>(
        _ type: T.Type, from request: Request, context: SimulatorRequestContext
    ) async -> Result<T, SimulatorRequestProblem> {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            return .failure(SimulatorRequestProblem(status: 413, message: "Request body too large."))
        }
        requestLog.record(request, body: buffer)
        do {
            return .success(try coder.decode(type, from: buffer))
        } catch let error as DecodingError {
            return .failure(SimulatorRequestProblem(status: 400, message: Self.describe(error)))
        } catch {
            return .failure(SimulatorRequestProblem(status: 400, message: "Could not parse the JSON body: \(error)"))
        }
    }

    /// A provider-style message for a body that does not decode.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let full = path(context.codingPath + [key])
            return "\(full): Field required (missing required parameter '\(full)')"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): invalid type (\(context.debugDescription))"
        case .dataCorrupted(let context):
            let at = path(context.codingPath)
            return at.isEmpty
                ? "We could not parse the JSON body of your request. (\(context.debugDescription))"
                : "\(at): \(context.debugDescription)"
        @unknown default:
            return "Invalid request body."
        }
    }
}
