/// Something of the LiteLLM file that the imported config does not carry over, or carries over differently.
public struct LiteLLMNote: Sendable, Hashable, CustomStringConvertible {
    /// Where it stood in the LiteLLM file: `model_list[3]`, `litellm_settings.callbacks`.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
