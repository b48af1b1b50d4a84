import Foundation
import SwitchyardJSON
import SwitchyardWire

extension IngressResponses {
    /// The body of an error for a Gemini client: Google's shape, the gRPC code name for the status, and the
    /// gateway's own error code as an `ErrorInfo` reason (`BUDGET_EXCEEDED`) and its `retry-after` as a
    /// `RetryInfo` delay, where Google's SDKs and tools look for them.
    static func geminiError(status: Int, message: String, code: String?, retryAfter: Double?) -> GeminiErrorBody {
        var details: [JSONValue] = []
        if let code, !code.isEmpty {
            details.append([
                "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": .string(code.uppercased()),
                "domain": "switchyard",
            ])
        }
        if let retryAfter {
            let seconds = Int(saturating: max(0, retryAfter).rounded(.up))
            details.append(["@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": .string("\(seconds)s")])
        }
        return GeminiErrorBody(code: status, message: message, details: details.isEmpty ? nil : details)
    }
}
