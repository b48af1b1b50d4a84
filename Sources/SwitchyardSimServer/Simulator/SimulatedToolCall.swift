import SwitchyardJSON
import SwitchyardWire

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
