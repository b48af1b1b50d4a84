import SwitchyardJSON
import SwitchyardWire

/// What one choice of a simulated completion says, before it is written in either wire format.
enum SimulatedOutput {
    /// Text as word pieces that concatenate to the full answer, and how it ended.
    case text(pieces: [String], ending: SimulatorText.Ending)
    /// A call to one tool.
    case toolCall(SimulatedToolCall)

    /// Completion tokens this output costs: one per word, or the arguments' estimate for a tool call.
    var completionTokens: Int {
        switch self {
        case .text(let pieces, _): pieces.count
        case .toolCall(let call): call.tokens
        }
    }

    /// A text answer of a drawn length under `cap`, cut at the first stop sequence.
    static func text(call: inout SimulatorCall, cap: Int, stops: [String]) -> SimulatedOutput {
        let (count, hitCap) = call.drawLength(cap: cap)
        let pieces = SimulatorText.pieces(count: count, endsNaturally: !hitCap, using: &call.rng)
        let (kept, matched) = SimulatorText.applyingStops(pieces, stops: stops)
        if let matched { return .text(pieces: kept, ending: .stopSequence(matched)) }
        return .text(pieces: kept, ending: hitCap ? .length : .natural)
    }

    /// JSON content for a JSON response format: an object filling the schema's required properties (`json_schema`),
    /// or a small object (`json_object`).
    static func json(format: JSONValue, call: inout SimulatorCall) -> SimulatedOutput {
        let schema = format["json_schema"]?["schema"]
            ?? .object(["type": "object", "properties": ["answer": ["type": "string"]], "required": ["answer"]])
        let text = SimulatorToolArguments.make(schema: schema, using: &call.rng).jsonString()
        return .text(pieces: [text], ending: .natural)
    }

    /// Whether `format` asks for JSON content.
    static func wantsJSON(_ format: JSONValue?) -> Bool {
        guard let type = format?["type"]?.stringValue else { return false }
        return type == "json_object" || type == "json_schema"
    }

    /// A call to `name` with arguments filling `schema`'s required properties.
    static func toolCall(name: String, schema: JSONValue?, id: String, call: inout SimulatorCall) -> SimulatedOutput {
        let input = SimulatorToolArguments.make(schema: schema, using: &call.rng)
        let arguments = input.jsonString()
        return .toolCall(SimulatedToolCall(
            id: id, name: name, input: input, arguments: arguments,
            tokens: TokenEstimate.tokens(name) + TokenEstimate.tokens(arguments) + 1
        ))
    }
}
