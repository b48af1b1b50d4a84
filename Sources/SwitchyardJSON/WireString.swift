/// An open-ended string value of the wire formats (a role, a finish or stop reason): known values are named
/// constants, and values this version does not know still decode and pass through unchanged.
public protocol WireString: RawRepresentable, Codable, WireDecodable, WireEncodable, Hashable, Sendable,
    ExpressibleByStringLiteral where RawValue == String, StringLiteralType == String {
    init(rawValue: String)
}

extension WireString {
    /// A literal.
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }
    /// Reads the JSON string.
    public init(wire json: JSONValue) throws { self.init(rawValue: try String(wire: json)) }
    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.string(rawValue)
    }
}
