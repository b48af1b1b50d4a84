import Foundation
import Hummingbird

/// JSON coding shared by every request: one encoder and decoder, configured once, so the hot path does not
/// build a coder per response. Foundation's coders are safe to use concurrently once configured.
struct SimulatorCoder: Sendable {
    private let encoder: JSONEncoder
    private let decoder = JSONDecoder()

    init() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        self.encoder = encoder
    }

    /// Compact JSON bytes of `value`.
    func encode<T: Encodable>(_ value: T) throws -> Data {
        try encoder.encode(value)
    }

    /// Decodes `type` from a request body.
    func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        try buffer.withUnsafeReadableBytes { raw in
            try decoder.decode(type, from: Data(raw))
        }
    }

    /// `value` as a JSON response body.
    func buffer<T: Encodable>(_ value: T) throws -> ByteBuffer {
        ByteBuffer(bytes: try encoder.encode(value))
    }

    /// An OpenAI-style stream frame: `data: {json}\n\n`.
    func dataFrame<T: Encodable>(_ value: T) throws -> ByteBuffer {
        let json = try encoder.encode(value)
        var out = ByteBuffer()
        out.reserveCapacity(json.count + 8)
        out.writeString("data: ")
        out.writeBytes(json)
        out.writeString("\n\n")
        return out
    }

    /// An Anthropic-style stream frame: `event: name\ndata: {json}\n\n`.
    func eventFrame<T: Encodable>(_ name: String, _ value: T) throws -> ByteBuffer {
        let json = try encoder.encode(value)
        var out = ByteBuffer()
        out.reserveCapacity(json.count + name.utf8.count + 16)
        out.writeString("event: ")
        out.writeString(name)
        out.writeString("\ndata: ")
        out.writeBytes(json)
        out.writeString("\n\n")
        return out
    }
}
