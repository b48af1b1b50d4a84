import SwitchyardCore

/// Extracts the virtual key secret a client sent, from the headers the OpenAI and Anthropic SDKs use.
public enum Credential {
    /// The secret from `Authorization: Bearer <key>` or `x-api-key: <key>`; nil when neither header is present.
    /// A header that is present but malformed is a 401 (`invalid_authorization_header`). Messages never echo the secret.
    public static func secret(authorization: String?, apiKey: String?) -> Result<String?, GatewayError> {
        var fromBearer: String?
        if let authorization {
            switch bearerToken(authorization) {
            case .success(let token): fromBearer = token
            case .failure(let error): return .failure(error)
            }
        }
        var fromHeader: String?
        if let apiKey {
            let token = apiKey.trimmingSpaces()
            guard !token.isEmpty else {
                return .failure(malformed("the x-api-key header is empty; send x-api-key: <virtual key>"))
            }
            guard !token.contains(where: \.isSpace) else {
                return .failure(malformed("the x-api-key header contains spaces; send x-api-key: <virtual key>"))
            }
            fromHeader = token
        }
        if let fromBearer, let fromHeader, fromBearer != fromHeader {
            return .failure(malformed("the Authorization and x-api-key headers carry different keys; send one key"))
        }
        return .success(fromBearer ?? fromHeader)
    }

    private static func bearerToken(_ header: String) -> Result<String, GatewayError> {
        let value = header.trimmingSpaces()
        let scheme = value.prefix(while: { !$0.isSpace })
        guard scheme.lowercased() == "bearer" else {
            // Name the scheme only when it looks like one, so a bare secret is never echoed back.
            let known = ["basic", "digest", "token", "negotiate", "apikey"]
            let named = known.contains(scheme.lowercased()) ? " (got '\(scheme)')" : ""
            return .failure(malformed(
                "the Authorization header must be 'Bearer <virtual key>'\(named)"))
        }
        let token = value.dropFirst(scheme.count).trimmingSpaces()
        guard !token.isEmpty else {
            return .failure(malformed("the Authorization header has 'Bearer' but no key; send Authorization: Bearer <virtual key>"))
        }
        guard !token.contains(where: \.isSpace) else {
            return .failure(malformed("the key in the Authorization header contains spaces; send Authorization: Bearer <virtual key>"))
        }
        return .success(token)
    }

    private static func malformed(_ message: String) -> GatewayError {
        GatewayError(kind: .unauthorized, status: 401, message: "invalid authorization header: " + message,
                     code: "invalid_authorization_header")
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace (headers may carry either).
    func trimmingSpaces() -> String {
        let start = firstIndex(where: { !$0.isSpace }) ?? endIndex
        let end = lastIndex(where: { !$0.isSpace }).map { index(after: $0) } ?? start
        return start < end ? String(self[start..<end]) : ""
    }
}

extension Character {
    /// `isWhitespace`, answered from the ASCII value for ASCII (every header that is not hostile) without the
    /// Unicode property lookup, which showed in profiles of the key check.
    var isSpace: Bool {
        if let ascii = asciiValue { return ascii == 0x20 || (0x09...0x0D).contains(ascii) }
        return isWhitespace
    }
}
