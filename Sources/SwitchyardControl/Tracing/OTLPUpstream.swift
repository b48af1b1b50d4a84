import Foundation
import SwitchyardCore

/// A provider as the GenAI conventions name it on attempt spans: `gen_ai.provider.name` and the upstream's
/// `server.address` and `server.port`.
public struct OTLPUpstream: Sendable, Hashable {
    public var genAIProvider: String
    public var address: String?
    public var port: Int?

    public init(genAIProvider: String, address: String?, port: Int?) {
        self.genAIProvider = genAIProvider
        self.address = address
        self.port = port
    }

    /// Each provider of the catalog by its configured name. An OpenAI-compatible provider is named as
    /// configured (the conventions have no name for "some server speaking OpenAI's API").
    public static func directory(_ providers: [ProviderSpec]) -> [String: OTLPUpstream] {
        var directory: [String: OTLPUpstream] = [:]
        for provider in providers {
            let name = switch provider.kind {
            case .openai: "openai"
            case .anthropic: "anthropic"
            case .openaiCompatible: provider.name
            case .azureOpenAI: "azure.ai.openai"
            case .gemini: "gcp.gemini"
            case .bedrock: "aws.bedrock"
            }
            let url = provider.effectiveBaseURL.flatMap { URLComponents(string: $0) }
            let port = url?.port ?? (url?.scheme == "https" ? 443 : url?.scheme == "http" ? 80 : nil)
            directory[provider.name] = OTLPUpstream(genAIProvider: name, address: url?.host, port: port)
        }
        return directory
    }
}
