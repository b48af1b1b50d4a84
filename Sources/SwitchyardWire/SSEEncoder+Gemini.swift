import Foundation
import SwitchyardJSON

extension SSEEncoder {
    /// A Gemini chunk as `data: {…}\n\n` bytes, the way `streamGenerateContent?alt=sse` sends them.
    public static func gemini(_ chunk: GeminiGenerateContentResponse) throws -> Data {
        dataLine(try WireCoding.encode(chunk))
    }

    /// A Gemini error sent mid-stream as `data: {"error":{…}}\n\n`, which `google-genai` raises as an `APIError`.
    public static func gemini(_ error: GeminiErrorBody) throws -> Data {
        dataLine(try WireCoding.encode(error))
    }
}
