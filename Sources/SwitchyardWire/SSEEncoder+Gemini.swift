import Foundation
import SwitchyardJSON

extension SSEEncoder {
    /// A Gemini chunk as `data: {…}\n\n` bytes, the way `streamGenerateContent?alt=sse` sends them.
    public static func gemini(_ chunk: GeminiGenerateContentResponse) throws -> Data {
        geminiLine(try WireCoding.encode(chunk))
    }

    /// A Gemini error sent mid-stream as `data: {"error":{…}}\n\n`, which `google-genai` raises as an `APIError`.
    public static func gemini(_ error: GeminiErrorBody) throws -> Data {
        geminiLine(try WireCoding.encode(error))
    }

    private static func geminiLine(_ json: Data) -> Data {
        var out = Data()
        out.reserveCapacity(json.count + 8)
        out.append(contentsOf: "data: ".utf8)
        out.append(json)
        out.append(contentsOf: "\n\n".utf8)
        return out
    }
}
