import Foundation
import SwitchyardJSON

/// `POST /v1/embeddings` request body.
public struct EmbeddingsRequest: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `model` member.
    public var model: String
    /// The `input` member.
    public var input: EmbeddingInput
    /// `"float"` or `"base64"`; the official Python SDK sends `"base64"` unless told otherwise.
    public var encodingFormat: String?
    /// The `dimensions` member.
    public var dimensions: Int?
    /// The `user` member.
    public var user: String?
    /// Every member not modelled above, written back unchanged on encode.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(model: String, input: EmbeddingInput, encodingFormat: String? = nil, dimensions: Int? = nil,
                user: String? = nil, extra: [String: JSONValue] = [:]) {
        self.model = model
        self.input = input
        self.encodingFormat = encodingFormat
        self.dimensions = dimensions
        self.user = user
        self.extra = extra
    }

    /// Whether the response must carry base64 vectors instead of float arrays.
    public var wantsBase64: Bool { encodingFormat == "base64" }

    static let known: Set<String> = ["model", "input", "encoding_format", "dimensions", "user"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        model = try c.value("model")
        input = try c.value("input")
        encodingFormat = try c.optional("encoding_format")
        dimensions = try c.optional("dimensions")
        user = try c.optional("user")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(model, "model")
        w.put(input, "input")
        w.putIfPresent(encodingFormat, "encoding_format")
        w.putIfPresent(dimensions, "dimensions")
        w.putIfPresent(user, "user")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// Embedding input: one string, several strings, one token array or several token arrays.
public enum EmbeddingInput: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// One text.
    case string(String)
    /// Several texts.
    case strings([String])
    /// One token array.
    case tokens([Int])
    /// Several token arrays.
    case tokenArrays([[Int]])

    /// How many embeddings the response must contain.
    public var count: Int {
        switch self {
        case .string, .tokens: 1
        case .strings(let a): a.count
        case .tokenArrays(let a): a.count
        }
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        switch json {
        case .string(let s):
            self = .string(s)
        case .array(let items):
            switch items.first {
            case .string?: self = .strings(try [String](wire: json))
            case .array?: self = .tokenArrays(try [[Int]](wire: json))
            default: self = .tokens(try [Int](wire: json))
            }
        default:
            throw WireDecodingFailure.mismatch("a string or an array", json)
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .string(let s): w.string(s)
        case .strings(let a): a.writeWire(to: &w)
        case .tokens(let t): t.writeWire(to: &w)
        case .tokenArrays(let a): a.writeWire(to: &w)
        }
    }
}

/// `POST /v1/embeddings` response body: `{"object":"list","data":[…],"model","usage"}`.
public struct EmbeddingsResponse: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `object` member.
    public var object: String
    /// The `data` member.
    public var data: [Embedding]
    /// The `model` member.
    public var model: String
    /// The `usage` member.
    public var usage: Usage

    /// `{"prompt_tokens","total_tokens"}`.
    public struct Usage: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
        /// The `prompt_tokens` member.
        public var promptTokens: Int
        /// The `total_tokens` member.
        public var totalTokens: Int

        /// Creates a value from its members.
        public init(promptTokens: Int, totalTokens: Int? = nil) {
            self.promptTokens = promptTokens
            self.totalTokens = totalTokens ?? promptTokens
        }

        public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

        /// Builds the value from a JSON tree.
        public init(wire json: JSONValue) throws {
            let c = try WireObject(json)
            promptTokens = try c.optional("prompt_tokens") ?? 0
            totalTokens = try c.optional("total_tokens") ?? promptTokens
        }

        public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

        /// Writes the value as JSON.
        public func writeWire(to w: inout JSONWriter) {
            w.beginObject()
            w.put(promptTokens, "prompt_tokens")
            w.put(totalTokens, "total_tokens")
            w.endObject()
        }
    }

    /// Creates a value from its members.
    public init(object: String = "list", data: [Embedding], model: String, usage: Usage) {
        self.object = object
        self.data = data
        self.model = model
        self.usage = usage
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        object = try c.optional("object") ?? "list"
        data = try c.value("data")
        model = try c.optional("model") ?? ""
        usage = try c.optional("usage") ?? Usage(promptTokens: 0)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(object, "object")
        w.put(data, "data")
        w.put(model, "model")
        w.put(usage, "usage")
        w.endObject()
    }
}

/// One vector: `{"object":"embedding","index","embedding"}`.
public struct Embedding: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `object` member.
    public var object: String
    /// The `index` member.
    public var index: Int
    /// The `embedding` member.
    public var embedding: EmbeddingVector

    /// Creates a value from its members.
    public init(object: String = "embedding", index: Int, embedding: EmbeddingVector) {
        self.object = object
        self.index = index
        self.embedding = embedding
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        object = try c.optional("object") ?? "embedding"
        index = try c.optional("index") ?? 0
        embedding = try c.value("embedding")
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(object, "object")
        w.put(index, "index")
        w.put(embedding, "embedding")
        w.endObject()
    }
}

/// A vector as floats, or as base64 of little-endian float32 values (`encoding_format: "base64"`).
public enum EmbeddingVector: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// A float array.
    case floats([Float])
    /// Base64 of little-endian float32 values.
    case base64(String)

    /// The vector in the requested encoding.
    public static func encoded(_ values: [Float], base64: Bool) -> EmbeddingVector {
        base64 ? .base64(Self.base64String(values)) : .floats(values)
    }

    /// Base64 of the values as little-endian float32, the layout the SDKs decode.
    public static func base64String(_ values: [Float]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 4)
        for v in values {
            let bits = v.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
    }

    /// The float values, decoding base64 when needed; nil if the base64 is malformed.
    public var floats: [Float]? {
        switch self {
        case .floats(let f):
            return f
        case .base64(let s):
            guard let data = Data(base64Encoded: s), data.count % 4 == 0 else { return nil }
            let bytes = [UInt8](data)
            var out = [Float]()
            out.reserveCapacity(bytes.count / 4)
            var i = 0
            while i < bytes.count {
                let bits = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16
                    | UInt32(bytes[i + 3]) << 24
                out.append(Float(bitPattern: bits))
                i += 4
            }
            return out
        }
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        if case .string(let s) = json {
            self = .base64(s)
        } else {
            self = .floats(try [Float](wire: json))
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .floats(let f): f.writeWire(to: &w)
        case .base64(let s): w.string(s)
        }
    }
}
