/// Provider-shaped random identifiers: `chatcmpl-…`, `msg_01…`, `call_…`, `toolu_01…`.
enum SimulatorIDs {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// `prefix` followed by `length` random letters and digits.
    static func make(_ prefix: String, length: Int, using rng: inout some RandomNumberGenerator) -> String {
        var bytes = Array(prefix.utf8)
        bytes.reserveCapacity(bytes.count + length)
        for _ in 0..<length {
            bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func completion(using rng: inout some RandomNumberGenerator) -> String {
        make("chatcmpl-", length: 29, using: &rng)
    }

    static func message(using rng: inout some RandomNumberGenerator) -> String {
        make("msg_01", length: 22, using: &rng)
    }

    static func toolCall(using rng: inout some RandomNumberGenerator) -> String {
        make("call_", length: 24, using: &rng)
    }

    static func toolUse(using rng: inout some RandomNumberGenerator) -> String {
        make("toolu_01", length: 22, using: &rng)
    }
}
