import Foundation
import SwitchyardJSON

/// Writes server-sent events: `event: name\ndata: …\n\n` (Anthropic) or data-only lines (OpenAI).
public enum SSEEncoder {
    /// OpenAI's stream terminator, `data: [DONE]\n\n`.
    public static let done = "data: [DONE]\n\n"

    /// One event as text; multi-line data becomes several `data:` lines.
    public static func encode(event: String? = nil, data: String) -> String {
        var out = ""
        out.reserveCapacity(data.utf8.count + 32)
        if let event {
            out += "event: "
            out += event
            out += "\n"
        }
        if data.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            for part in data.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                out += "data: "
                out += part
                out += "\n"
            }
        } else {
            out += "data: "
            out += data
            out += "\n"
        }
        out += "\n"
        return out
    }

    /// One event as text, including `id:` and `retry:` when set.
    public static func encode(_ event: SSEEvent) -> String {
        var prefix = ""
        if let id = event.id { prefix += "id: \(id)\n" }
        if let retry = event.retry { prefix += "retry: \(retry)\n" }
        return prefix + encode(event: event.event, data: event.data)
    }

    /// A comment line, used as a keep-alive.
    public static func comment(_ text: String = "") -> String {
        ": \(text)\n\n"
    }

    /// An OpenAI chunk as `data: {…}\n\n` bytes (compact JSON never contains a newline).
    public static func openAI(_ chunk: ChatCompletionChunk) throws -> Data {
        try dataLine(WireCoding.encode(chunk))
    }

    /// An OpenAI error sent mid-stream as `data: {"error":{…}}\n\n`, which the SDKs raise as an API error.
    public static func openAI(_ error: OpenAIErrorBody) throws -> Data {
        try dataLine(WireCoding.encode(error))
    }

    /// An Anthropic event as `event: <type>\ndata: {…}\n\n` bytes.
    public static func anthropic(_ event: AnthropicStreamEvent) throws -> Data {
        var out = Data("event: \(event.type)\n".utf8)
        out.append(try dataLine(WireCoding.encode(event)))
        return out
    }

    /// A Responses event as `event: <type>\ndata: {…}\n\n` bytes.
    public static func responses(_ event: ResponsesStreamEvent) throws -> Data {
        var out = Data("event: \(event.type)\n".utf8)
        out.append(try dataLine(WireCoding.encode(event)))
        return out
    }

    static func dataLine(_ json: Data) -> Data {
        var out = Data()
        out.reserveCapacity(json.count + 8)
        out.append(contentsOf: "data: ".utf8)
        out.append(json)
        out.append(contentsOf: "\n\n".utf8)
        return out
    }
}
