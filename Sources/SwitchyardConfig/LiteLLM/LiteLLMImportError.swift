/// Why a file cannot be imported at all.
public enum LiteLLMImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case notYAML(file: String, detail: String)
    case noModelList(file: String)
    case nothingMapped(file: String, notes: [LiteLLMNote])

    public var description: String {
        switch self {
        case .notYAML(let file, let detail):
            "\(file): not a YAML file (\(detail))"
        case .noModelList(let file):
            "\(file): no model_list; a LiteLLM proxy config lists its models under model_list:"
        case .nothingMapped(let file, let notes):
            "\(file): no model_list entry could be mapped to a Switchyard provider:\n"
                + notes.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}
