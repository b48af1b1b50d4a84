import NIOCore

/// Hand-written JSON for the frames a stream sends most: content deltas differ only in their text, so they are
/// spliced from a fixed prefix and suffix instead of running an encoder per chunk.
enum SimulatorJSONText {
    /// `text` as a JSON string literal, quotes included.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// The text before the content string of an OpenAI content chunk for choice `index`.
    static func openAIContentPrefix(id: String, created: Int, model: String, index: Int) -> String {
        "data: {\"id\":\(quoted(id)),\"object\":\"chat.completion.chunk\",\"created\":\(created),"
            + "\"model\":\(quoted(model)),\"system_fingerprint\":\"fp_sim\","
            + "\"choices\":[{\"index\":\(index),\"delta\":{\"content\":"
    }

    /// The text after the content string of an OpenAI content chunk.
    static let openAIContentSuffix = "},\"logprobs\":null,\"finish_reason\":null}]}\n\n"

    /// The text before the text of an Anthropic `text_delta` event on block `index`.
    static func anthropicTextPrefix(index: Int) -> String {
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":\(index),"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":"
    }

    /// The text after the text of an Anthropic `text_delta` event.
    static let anthropicTextSuffix = "}}\n\n"

    /// One frame: prefix, quoted text, suffix.
    static func frame(_ prefix: String, _ text: String, _ suffix: String) -> ByteBuffer {
        let body = quoted(text)
        var out = ByteBuffer()
        out.reserveCapacity(prefix.utf8.count + body.utf8.count + suffix.utf8.count)
        out.writeString(prefix)
        out.writeString(body)
        out.writeString(suffix)
        return out
    }
}
