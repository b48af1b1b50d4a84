/// The wire family of a route, which decides the shape of its error bodies.
enum SimulatorWireFamily {
    case openAI
    case anthropic
    case gemini
    /// Bedrock's Converse: `{"message"}` bodies named by `x-amzn-ErrorType`, event-stream framing.
    case bedrock
}
