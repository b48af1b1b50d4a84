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

/// One simulated tool call.
struct SimulatedToolCall {
    var id: String
    var name: String
    /// The arguments object.
    var input: JSONValue
    /// The arguments as compact JSON text.
    var arguments: String
    var tokens: Int

    /// The arguments text in small fragments, as providers stream it; they concatenate to `arguments`.
    var argumentFragments: [String] {
        var fragments: [String] = []
        var current = ""
        for character in arguments {
            current.append(character)
            if current.utf8.count >= 12 {
                fragments.append(current)
                current = ""
            }
        }
        if !current.isEmpty { fragments.append(current) }
        return fragments
    }
}

/// Groups word pieces into stream chunks of a few tokens each.
enum SimulatorChunking {
    /// Pieces grouped 1–3 at a time; the grouping depends only on the piece count, so it is cheap and stable.
    static func chunks(_ pieces: [String]) -> [(text: String, tokens: Int)] {
        var out: [(String, Int)] = []
        out.reserveCapacity(pieces.count / 2 + 1)
        var index = 0
        var size = 1
        while index < pieces.count {
            let end = min(pieces.count, index + size)
            out.append((pieces[index..<end].joined(), end - index))
            index = end
            size = size % 3 + 1
        }
        return out
    }
}
