/// Where a LiteLLM deployment's API key comes from.
enum LiteLLMKey: Hashable, Comparable {
    /// `api_key: os.environ/VAR`.
    case environment(String)
    /// A key written into the LiteLLM file; it is never copied, only told apart from other keys.
    case literal(String)
    /// No `api_key`: LiteLLM reads the provider's usual variable.
    case none

    init(_ text: String?) {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            self = .none
            return
        }
        if let variable = LiteLLMKey.environmentVariable(text) {
            self = .environment(variable)
        } else {
            self = .literal(text)
        }
    }

    /// `VAR` of LiteLLM's `os.environ/VAR` reference; nil for any other text.
    static func environmentVariable(_ text: String) -> String? {
        let prefix = "os.environ/"
        guard text.hasPrefix(prefix) else { return nil }
        let name = String(text.dropFirst(prefix.count))
        return name.isEmpty ? nil : name
    }
}
