import Crypto
import Foundation

/// AWS Signature Version 4 for one service and region (header signing, as the SDKs sign Bedrock calls).
///
/// Signed headers are `host`, `x-amz-date` and, with temporary credentials, `x-amz-security-token`. The
/// canonical URI encodes the path as sent once more (AWS's rule for every service but S3), so a model id sent as
/// `…-v1%3A0` is signed as `…-v1%253A0`.
public struct SigV4Signer: Sendable {
    /// The credentials calls are signed with.
    public let credentials: AWSCredentials
    /// The region, e.g. `us-east-1`.
    public let region: String
    /// The signing name, `bedrock` for Bedrock Runtime.
    public let service: String

    /// A signer for `service` in `region`.
    public init(credentials: AWSCredentials, region: String, service: String = "bedrock") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// A request to sign: method, the path and query as they go on the wire (percent-encoded once), the host
    /// header, and the body.
    public struct Request: Sendable {
        /// `POST`, `GET`, ….
        public var method: String
        /// The path as sent (`/model/anthropic.claude-v2%3A1/converse`).
        public var path: String
        /// The query as sent, without `?`; empty for none.
        public var query: String
        /// The `host` header as sent (with the port when it is not the scheme's default).
        public var host: String
        /// The body bytes.
        public var body: [UInt8]

        /// Creates a request from its parts.
        public init(method: String, path: String, query: String = "", host: String, body: [UInt8]) {
            self.method = method
            self.path = path
            self.query = query
            self.host = host
            self.body = body
        }
    }

    /// The headers to add to `request` signed at `date`: `x-amz-date`, `x-amz-security-token` when the
    /// credentials have one, and `authorization`.
    public func headers(for request: Request, date: Date) -> [(name: String, value: String)] {
        let stamp = Self.timestamp(date)
        var out: [(name: String, value: String)] = [("x-amz-date", stamp)]
        if let token = credentials.sessionToken { out.append(("x-amz-security-token", token)) }
        out.append(("authorization", authorization(for: request, timestamp: stamp)))
        return out
    }

    /// The `authorization` header for `request` at `timestamp` (`20240102T030405Z`).
    public func authorization(for request: Request, timestamp: String) -> String {
        let scope = credentialScope(timestamp: timestamp)
        let signature = HMAC<SHA256>.authenticationCode(
            for: Array(stringToSign(for: request, timestamp: timestamp).utf8),
            using: SymmetricKey(data: signingKey(day: String(timestamp.prefix(8)))))
        return "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), "
            + "Signature=\(Self.hex(signature))"
    }

    /// `host;x-amz-date`, with `;x-amz-security-token` for temporary credentials.
    public var signedHeaders: String {
        credentials.sessionToken == nil ? "host;x-amz-date" : "host;x-amz-date;x-amz-security-token"
    }

    /// The canonical request: method, URI, query, headers, signed header names and the body's SHA-256.
    public func canonicalRequest(for request: Request, timestamp: String) -> String {
        var headers = "host:\(Self.trimmed(request.host))\nx-amz-date:\(timestamp)\n"
        if let token = credentials.sessionToken { headers += "x-amz-security-token:\(Self.trimmed(token))\n" }
        return [
            request.method.uppercased(), Self.canonicalURI(request.path), Self.canonicalQuery(request.query),
            headers, signedHeaders, Self.hex(SHA256.hash(data: request.body)),
        ].joined(separator: "\n")
    }

    /// The string to sign: algorithm, timestamp, scope and the canonical request's SHA-256.
    public func stringToSign(for request: Request, timestamp: String) -> String {
        let canonical = canonicalRequest(for: request, timestamp: timestamp)
        return "AWS4-HMAC-SHA256\n\(timestamp)\n\(credentialScope(timestamp: timestamp))\n"
            + Self.hex(SHA256.hash(data: Array(canonical.utf8)))
    }

    /// `20240102/us-east-1/bedrock/aws4_request`.
    public func credentialScope(timestamp: String) -> String {
        "\(timestamp.prefix(8))/\(region)/\(service)/aws4_request"
    }

    private func signingKey(day: String) -> [UInt8] {
        var key = Array("AWS4\(credentials.secretAccessKey)".utf8)
        for part in [day, region, service, "aws4_request"] {
            key = Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: SymmetricKey(data: key)))
        }
        return key
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : String($0) } ?? "00" }
        return String(c.year ?? 1970) + two(c.month) + two(c.day) + "T" + two(c.hour) + two(c.minute) + two(c.second) + "Z"
    }

    /// The path encoded once more, `/` kept; an empty path is `/`.
    public static func canonicalURI(_ path: String) -> String {
        path.isEmpty ? "/" : encode(path, keepingSlash: true)
    }

    /// Each name and value decoded, encoded strictly, and the pairs sorted.
    public static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: true).map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func component(_ s: Substring?) -> String {
                let raw = String(s ?? "")
                return encode(raw.removingPercentEncoding ?? raw, keepingSlash: false)
            }
            return (component(parts.first), component(parts.count > 1 ? parts[1] : nil))
        }
        return pairs.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// RFC 3986 encoding as AWS specifies it: unreserved characters kept, every other byte as `%XX` in capitals.
    public static func encode(_ text: String, keepingSlash: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let digits = Array("0123456789ABCDEF")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            case UInt8(ascii: "/") where keepingSlash:
                out.append("/")
            default:
                out.append("%")
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0xF)])
            }
        }
        return out
    }

    private static func trimmed(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    private static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef")
        var out = ""
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return out
    }
}
