import Foundation
import NIOHTTP1
import SwitchyardHTTP

/// The routes of Google's Gemini API the ingress serves, read from a request's path: under `/v1beta/` (and
/// under `/v1/`, where newer `google-genai` releases send them), `models/{model}:generateContent`,
/// `models/{model}:streamGenerateContent`, the model list and one model. `GET /v1/models[/{id}]` is OpenAI's
/// too: it is Google's when the caller sends a Google API key (`x-goog-api-key` or `?key=`), as `google-genai` does.
enum GeminiRoute: Equatable {
    /// `models/{model}:generateContent` (`stream` false) or `:streamGenerateContent` (true).
    case generate(model: String, stream: Bool)
    /// A method of a model the gateway does not serve (`:countTokens`, `:embedContent`, …).
    case unsupported(model: String, method: String)
    /// `GET models`.
    case list
    /// `GET models/{model}`.
    case model(String)

    /// The route `request` asks for, or nil when it is not one of Google's.
    static func parse(_ request: ServerRequest) -> GeminiRoute? {
        let path = request.path
        let rest: Substring
        if path.hasPrefix("/v1beta/models") {
            rest = path.dropFirst("/v1beta/models".count)
        } else if path.hasPrefix("/v1/models") {
            rest = path.dropFirst("/v1/models".count)
            // OpenAI's routes share the prefix (and its model ids may hold colons: `ft:gpt-4o:…`): only one of
            // Google's methods, or a Google-keyed lookup, is Google's.
            guard callsGoogleMethod(rest) || (request.method == .GET && googleKey(request) != nil) else { return nil }
        } else {
            return nil
        }
        if rest.isEmpty || rest == "/" { return .list }
        guard rest.hasPrefix("/") else { return nil }
        let name = rest.dropFirst()
        guard let colon = name.lastIndex(of: ":") else { return .model(decoded(name)) }
        let model = decoded(name[..<colon])
        switch name[name.index(after: colon)...] {
        case "generateContent": return .generate(model: model, stream: false)
        case "streamGenerateContent": return .generate(model: model, stream: true)
        case let method: return .unsupported(model: model, method: String(method))
        }
    }

    /// Whether `path` belongs to Google's API surface (errors on it are written in Google's shape).
    static func isGeminiPath(_ path: Substring) -> Bool {
        path.hasPrefix("/v1beta/") || path == "/v1beta" || (path.hasPrefix("/v1/models/") && callsGoogleMethod(path))
    }

    /// Whether `path` ends in `:{method}` for one of the methods Google's API has on a model.
    private static func callsGoogleMethod(_ path: Substring) -> Bool {
        guard let colon = path.lastIndex(of: ":") else { return false }
        return googleMethods.contains(String(path[path.index(after: colon)...]))
    }

    private static let googleMethods: Set<String> = [
        "generateContent", "streamGenerateContent", "countTokens", "embedContent", "batchEmbedContents",
        "batchGenerateContent", "predict", "predictLongRunning",
    ]

    /// The Google API key a caller sent: the `x-goog-api-key` header, else the `key` query parameter.
    static func googleKey(_ request: ServerRequest) -> String? {
        if let header = request.header(googleKeyHeader) { return header }
        guard let query = request.query else { return nil }
        for pair in query.split(separator: "&") where pair.hasPrefix("key=") {
            let value = pair.dropFirst("key=".count)
            return String(value).removingPercentEncoding ?? String(value)
        }
        return nil
    }

    /// The header Google's SDKs send their key in.
    static let googleKeyHeader = "x-goog-api-key"

    /// Whether the query asks for server-sent events (`alt=sse`), the only streaming form the gateway writes.
    static func wantsSSE(_ request: ServerRequest) -> Bool {
        request.query?.split(separator: "&").contains("alt=sse") ?? false
    }

    private static func decoded(_ text: Substring) -> String {
        let raw = String(text.hasPrefix("models/") ? text.dropFirst("models/".count) : text)
        return raw.removingPercentEncoding ?? raw
    }
}
