/// What `LiteLLMImport.translate` makes of a LiteLLM config.
public struct LiteLLMImportResult: Sendable {
    /// The Switchyard config, commented where something was not carried over.
    public var yaml: String
    /// Every setting or entry not mapped, in file order (also written as `# not mapped:` comments).
    public var notes: [LiteLLMNote]
    /// Environment variables to export before serving: the keys the LiteLLM file held in clear text.
    public var keysToExport: [String]
}
