import SwitchyardCore
import SwitchyardWire

/// The numbers in a client's request that the gateway reserves, counts or prices with, checked against
/// `InputBounds` before anything is admitted: outside the range the client gets a 400 naming the field, and
/// nothing downstream ever does arithmetic on the value.
enum ClientNumbers {
    /// A field outside its range: the request parameter and the message for the client.
    struct Violation: Equatable {
        var param: String
        var message: String
    }

    /// The first out-of-range field of an OpenAI chat request, in OpenAI's own wording style.
    static func violation(_ request: ChatCompletionRequest) -> Violation? {
        if let v = request.maxCompletionTokens, let violation = tokens(v, param: "max_completion_tokens") { return violation }
        if let v = request.maxTokens, let violation = tokens(v, param: "max_tokens") { return violation }
        if let n = request.n, !InputBounds.choices.contains(n) {
            return Violation(param: "n", message: "Invalid 'n': must be an integer \(InputBounds.describe(InputBounds.choices)), got \(n).")
        }
        return nil
    }

    /// `max_tokens` of an Anthropic messages request.
    static func violation(_ request: MessagesRequest) -> Violation? {
        tokens(request.maxTokens, param: "max_tokens")
    }

    /// `max_output_tokens` of a Responses request.
    static func violation(_ request: ResponsesRequest) -> Violation? {
        request.maxOutputTokens.flatMap { tokens($0, param: "max_output_tokens") }
    }

    private static func tokens(_ value: Int, param: String) -> Violation? {
        guard !InputBounds.tokens.contains(value) else { return nil }
        return Violation(
            param: param,
            message: "Invalid '\(param)': must be an integer \(InputBounds.describe(InputBounds.tokens)), got \(value).")
    }
}
