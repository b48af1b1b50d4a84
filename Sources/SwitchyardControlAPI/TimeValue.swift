/// A point in time in a request body: epoch seconds, or text (`2026-12-31`, an ISO datetime, or epoch digits).
public enum TimeValue: Sendable, Codable, Hashable {
    case epoch(Double)
    case text(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .epoch(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .epoch(let seconds): try container.encode(seconds)
        case .text(let text): try container.encode(text)
        }
    }
}
