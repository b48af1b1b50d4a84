import Hummingbird

/// A successful answer before faults and pacing: a JSON body, or the frames of an event stream.
enum SimulatorReply {
    /// A JSON body and the output tokens it took (for the wait before sending it).
    case json(ByteBuffer, tokens: Int)
    /// Encoded server-sent events.
    case stream([SimulatorFrame])
}
