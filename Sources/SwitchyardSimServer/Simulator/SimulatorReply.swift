import Hummingbird
import NIOCore

/// A successful answer before faults and pacing: a JSON body, or the frames of an event stream.
enum SimulatorReply {
    /// A JSON body and the output tokens it took (for the wait before sending it).
    case json(ByteBuffer, tokens: Int)
    /// Encoded server-sent events; a stream cut by a fault ends with `breaksWith` when the wire family reports
    /// a broken stream in an event (the Responses API's `response.failed`), else the connection drops.
    case stream([SimulatorFrame], breaksWith: ByteBuffer? = nil)
}
