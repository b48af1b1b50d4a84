import Foundation
import NIOCore
import NIOHTTP1
import SwitchyardCore
import SwitchyardHTTP
import SwitchyardJSON
import SwitchyardWire

/// Turns what went wrong talking to an upstream into a classified `UpstreamFailure`.
enum UpstreamFailureClassifier {
    /// A non-200 answer: the class follows the status; the message comes from the provider's error body.
    static func failure(status: Int, headers: HTTPHeaders, body: ByteBuffer?, provider: String) -> UpstreamFailure {
        let errorClass = ErrorClass.classify(status: status)
        if errorClass == .credential {
            return credentialFailure(status: status, body: body, provider: provider)
        }
        var detail = ""
        if let body, body.readableBytes > 0 {
            let data = Data(body.readableBytesView)
            if let json = try? WireCoding.parse(data), let message = json["error"]?["message"]?.stringValue {
                detail = message
            } else {
                detail = String(decoding: data.prefix(200), as: UTF8.self)
            }
        }
        let message = "\(provider) answered \(status)" + (detail.isEmpty ? "" : ": \(detail)")
        return UpstreamFailure(errorClass: errorClass, status: status, retryAfter: retryAfter(headers), message: message)
    }

    /// A 401/403: the provider refused the gateway's key. Only the error's code or type is kept — providers
    /// quote part of the key in the message, and nothing of it may reach a trace, a log or a client.
    private static func credentialFailure(status: Int, body: ByteBuffer?, provider: String) -> UpstreamFailure {
        var code = ""
        if let body, body.readableBytes > 0, let json = try? WireCoding.parse(Data(body.readableBytesView)) {
            let error = json["error"]
            code = error?["code"]?.stringValue ?? error?["type"]?.stringValue ?? json["type"]?.stringValue ?? ""
        }
        let shown = code.isEmpty || code.count > 64 ? "" : " (\(code))"
        return UpstreamFailure(errorClass: .credential, status: status,
                               message: "credential rejected: \(provider) answered \(status)\(shown)")
    }

    /// `retry-after-ms` (OpenAI) or `retry-after` in seconds or as an HTTP date, at most a day: an upstream's
    /// `inf` or `1e300` becomes a cool-down the arithmetic and the client's `retry-after` can carry.
    static func retryAfter(_ headers: HTTPHeaders) -> Double? {
        let ceiling = InputBounds.durationSeconds.upperBound
        if let ms = headers.first(name: "retry-after-ms").flatMap(Double.init), ms >= 0 { return min(ms / 1000, ceiling) }
        guard let value = headers.first(name: "retry-after") else { return nil }
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 { return min(seconds, ceiling) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        if let date = formatter.date(from: value) { return min(max(0, date.timeIntervalSinceNow), ceiling) }
        return nil
    }

    /// A thrown error: timeouts, refused or dropped connections, cancellation.
    static func failure(_ error: any Error, provider: String) -> UpstreamFailure {
        if let failure = error as? UpstreamFailure { return failure }
        if let timeout = error as? TimeoutError {
            switch timeout.limit {
            case .firstToken:
                return UpstreamFailure(errorClass: .timeout, message: "\(provider) gave no first token within \(format(timeout.seconds)) s")
            case .response:
                return UpstreamFailure(errorClass: .timeout, message: "\(provider) gave no whole answer within \(format(timeout.seconds)) s")
            case .total:
                return totalTimeout(timeout.seconds, provider: provider)
            }
        }
        if error is CancellationError {
            return UpstreamFailure(errorClass: .other, message: "cancelled")
        }
        if let http = error as? HTTPClientError {
            switch http {
            case .headTimeout, .finishTimeout:
                return UpstreamFailure(errorClass: .timeout, message: "\(provider) did not finish in time")
            case .connectTimeout:
                return UpstreamFailure(errorClass: .connect, message: "connecting to \(provider) timed out")
            case .closedBeforeHead:
                return UpstreamFailure(errorClass: .connect, message: "\(provider) closed the connection without answering")
            case .cancelled:
                return UpstreamFailure(errorClass: .other, message: "cancelled")
            case .closedDuringBody:
                return UpstreamFailure(errorClass: .server, message: "\(provider) broke off its answer")
            case .bodyTooLarge(let limit):
                return UpstreamFailure(errorClass: .server, message: "\(provider) answered more than \(limit) bytes")
            case .connectFailed(let reason):
                return UpstreamFailure(errorClass: .connect, message: "\(provider) unreachable: \(reason)")
            }
        }
        return UpstreamFailure(errorClass: .connect, message: "\(provider) unreachable: \(error)")
    }

    /// An error while reading a body whose 200 head already arrived: the upstream answered, then broke off,
    /// so a dropped connection here is the upstream failing (`server`), not an unreachable one (`connect`).
    static func bodyFailure(_ error: any Error, provider: String) -> UpstreamFailure {
        if error is UpstreamFailure || error is TimeoutError || error is CancellationError {
            return failure(error, provider: provider)
        }
        if let http = error as? HTTPClientError {
            switch http {
            case .headTimeout, .finishTimeout, .cancelled, .bodyTooLarge: return failure(error, provider: provider)
            default: break
            }
        }
        return UpstreamFailure(errorClass: .server, message: "\(provider) broke off its answer: \(error)")
    }

    /// The answer (or stream) did not finish within the total timeout.
    static func totalTimeout(_ seconds: Double, provider: String) -> UpstreamFailure {
        UpstreamFailure(errorClass: .timeout, message: "\(provider) did not finish within \(format(seconds)) s")
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? InputBounds.formatNumber(seconds) : String(format: "%.2f", seconds)
    }
}
