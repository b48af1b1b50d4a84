/// The wire family of a route, which decides the shape of its error bodies.
enum SimulatorWireFamily {
    case openAI
    case anthropic
    case gemini
}
