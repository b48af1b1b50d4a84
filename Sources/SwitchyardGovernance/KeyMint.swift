import Crypto
import Foundation

/// Virtual key secrets: generated from the system CSPRNG, recognisable by their prefix, stored only as SHA-256.
public enum KeyMint {
    /// Every secret starts with this, so leaked keys are easy to spot and scan for.
    public static let secretPrefix = "sk-sy-"
    /// Random base62 characters after the prefix (43 × log2 62 ≈ 256 bits).
    public static let randomLength = 43
    /// Characters of the secret kept for display.
    public static let displayPrefixLength = 10

    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// A new secret (shown once), its display prefix and the hash to store.
    public static func generate() -> (secret: String, prefix: String, hash: String) {
        var rng = SystemRandomNumberGenerator()
        var secret = secretPrefix
        for _ in 0..<randomLength {
            secret.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)])
        }
        return (secret, String(secret.prefix(displayPrefixLength)), hash(secret))
    }

    /// Lower-case hex SHA-256 of `secret`: what a key record stores and authentication looks up.
    public static func hash(_ secret: String) -> String {
        let digest = SHA256.hash(data: Data(secret.utf8))
        // Every request pays for this: one buffer, not a string per byte.
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Whether `secret` has the shape `generate()` produces (prefix plus 43 base62 characters).
    public static func isWellFormed(_ secret: String) -> Bool {
        guard secret.hasPrefix(secretPrefix) else { return false }
        let body = secret.dropFirst(secretPrefix.count)
        return body.count == randomLength && body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// Whether `hash` looks like a stored key hash (64 lower-case hex digits).
    public static func isHash(_ hash: String) -> Bool {
        hash.utf8.count == 64 && hash.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
