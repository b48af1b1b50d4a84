/// Something a model can do beyond plain text chat, as the price catalog records it.
public enum ModelCapability: String, Sendable, Codable, CaseIterable, Hashable {
    case tools
    case vision
    case json
    case reasoning
    case embeddings
}
