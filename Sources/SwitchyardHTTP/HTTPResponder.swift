import NIOCore
import NIOHTTP1

/// Answers requests: the application side of `HTTPServer`. `respond` runs as a task on the connection's event
/// loop; the task is cancelled if the client hangs up before the response head is written.
public protocol HTTPResponder: Sendable {
    func respond(to request: ServerRequest) async -> ServerResponse

    /// The answer the server itself gives when a request breaks a limit before the responder saw it (a body
    /// that stopped arriving: 408), in the format the path's clients read.
    func refusal(_ status: HTTPResponseStatus, message: String, path: Substring) -> ServerResponse
}

extension HTTPResponder {
    public func refusal(_ status: HTTPResponseStatus, message: String, path: Substring) -> ServerResponse {
        ServerResponse.plainError(status, message: message)
    }
}

extension ServerResponse {
    /// `{"error":{"message":…,"type":…}}`: the shape OpenAI-style clients parse.
    public static func plainError(_ status: HTTPResponseStatus, message: String) -> ServerResponse {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        var escaped = ""
        for scalar in message.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case _ where scalar.value < 0x20: escaped += " "
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        let type = status.code >= 500 ? "server_error" : "invalid_request_error"
        let body = #"{"error":{"message":"\#(escaped)","type":"\#(type)","param":null,"code":null}}"#
        return ServerResponse(status: status, headers: headers, body: .bytes(ByteBuffer(string: body)))
    }
}
