import HTTPTypes
import Hummingbird
import Synchronization

/// Stamps API responses with a provider-style request id: `request-id` on Anthropic routes, `x-request-id` on
/// OpenAI routes, as the SDKs read them. A client-sent id is echoed back instead.
final class SimulatorRequestIDMiddleware: RouterMiddleware {
    typealias Context = SimulatorRequestContext

    private let counter = Atomic<UInt64>(0)
    private let salt: UInt64
    private static let openAIName = HTTPField.Name("x-request-id")
    private static let anthropicName = HTTPField.Name("request-id")

    init(seed: UInt64) {
        // Mixed so two simulators started with different seeds never hand out the same ids.
        var z = seed &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        salt = z ^ (z >> 31)
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        guard request.uri.path.hasPrefix("/v1/"),
            let name = request.uri.path.hasPrefix("/v1/messages") ? Self.anthropicName : Self.openAIName
        else { return response }
        if let sent = request.headers[name] {
            response.headers[name] = sent
        } else {
            let number = counter.wrappingAdd(1, ordering: .relaxed).newValue
            let hex = String(salt ^ number, radix: 16)
            response.headers[name] = "req_" + String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        }
        return response
    }
}
