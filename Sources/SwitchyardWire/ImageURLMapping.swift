extension AnthropicImageSource {
    /// The Anthropic source for an OpenAI image URL: `data:<type>;base64,<data>` becomes inline data.
    public init(openAIURL url: String) {
        if url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") {
            let header = url[url.index(url.startIndex, offsetBy: 5)..<comma]
            if header.hasSuffix(";base64") {
                let mediaType = String(header.dropLast(";base64".count))
                self = .base64(mediaType: mediaType, data: String(url[url.index(after: comma)...]))
                return
            }
        }
        self = .url(url)
    }

    /// The OpenAI image URL for this source: inline data becomes a `data:` URL.
    public var openAIURL: String {
        if type == "base64" {
            return "data:\(mediaType ?? "image/png");base64,\(data ?? "")"
        }
        return url ?? ""
    }
}
