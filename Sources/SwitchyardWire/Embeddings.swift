import Foundation

/// `POST /v1/embeddings` request body.
public struct EmbeddingsRequest: Codable, Hashable, Sendable {
    public var model: String
    public var input: EmbeddingInput
    /// `"float"` or `"base64"`; the official Python SDK sends `"base64"` unless told otherwise.
    public var encodingFormat: String?
    public var dimensions: Int?
    public var user: String?
    /// Every member not modelled above, written back unchanged on encode.
    public var extra: [String: JSONValue]

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

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireCodingKey.self)
        model = try c.value("model")
        input = try c.value("input")
        encodingFormat = try c.optional("encoding_format")
        dimensions = try c.optional("dimensions")
        user = try c.optional("user")
        extra = try c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: WireCodingKey.self)
        try c.put(model, "model")
        try c.put(input, "input")
        try c.putIfPresent(encodingFormat, "encoding_format")
        try c.putIfPresent(dimensions, "dimensions")
        try c.putIfPresent(user, "user")
        try c.putExtras(extra, excluding: Self.known)
    }
}

/// Embedding input: one string, several strings, one token array or several token arrays.
public enum EmbeddingInput: Codable, Hashable, Sendable {
    case string(String)
    case strings([String])
    case tokens([Int])
    case tokenArrays([[Int]])

    /// How many embeddings the response must contain.
    public var count: Int {
        switch self {
        case .string, .tokens: 1
        case .strings(let a): a.count
        case .tokenArrays(let a): a.count
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([String].self) {
            self = .strings(a)
        } else if let t = try? c.decode([Int].self) {
            self = .tokens(t)
        } else {
            self = .tokenArrays(try c.decode([[Int]].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .strings(let a): try c.encode(a)
        case .tokens(let t): try c.encode(t)
        case .tokenArrays(let a): try c.encode(a)
        }
    }
}

/// `POST /v1/embeddings` response body: `{"object":"list","data":[…],"model","usage"}`.
public struct EmbeddingsResponse: Codable, Hashable, Sendable {
    public var object: String
    public var data: [Embedding]
    public var model: String
    public var usage: Usage

    /// `{"prompt_tokens","total_tokens"}`.
    public struct Usage: Codable, Hashable, Sendable {
        public var promptTokens: Int
        public var totalTokens: Int

        public init(promptTokens: Int, totalTokens: Int? = nil) {
            self.promptTokens = promptTokens
            self.totalTokens = totalTokens ?? promptTokens
        }

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case totalTokens = "total_tokens"
        }
    }

    public init(object: String = "list", data: [Embedding], model: String, usage: Usage) {
        self.object = object
        self.data = data
        self.model = model
        self.usage = usage
    }
}

/// One vector: `{"object":"embedding","index","embedding"}`.
public struct Embedding: Codable, Hashable, Sendable {
    public var object: String
    public var index: Int
    public var embedding: EmbeddingVector

    public init(object: String = "embedding", index: Int, embedding: EmbeddingVector) {
        self.object = object
        self.index = index
        self.embedding = embedding
    }
}

/// A vector as floats, or as base64 of little-endian float32 values (`encoding_format: "base64"`).
public enum EmbeddingVector: Codable, Hashable, Sendable {
    case floats([Float])
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

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .base64(s)
        } else {
            self = .floats(try c.decode([Float].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .floats(let f): try c.encode(f)
        case .base64(let s): try c.encode(s)
        }
    }
}
