import NIOCore

/// One server-sent event of a simulated stream, already encoded.
struct SimulatorFrame: Sendable {
    /// The event bytes, blank line included.
    var bytes: ByteBuffer
    /// Output tokens this frame carries; pacing waits that long before sending it.
    var tokens: Int
    /// Whether the frame carries model output (text or tool arguments); cuts and corruption hit these.
    var isContent: Bool

    /// A frame without model output (headers of the stream, stop events).
    static func control(_ bytes: ByteBuffer) -> SimulatorFrame {
        SimulatorFrame(bytes: bytes, tokens: 0, isContent: false)
    }

    /// A frame with `tokens` of model output.
    static func content(_ bytes: ByteBuffer, tokens: Int) -> SimulatorFrame {
        SimulatorFrame(bytes: bytes, tokens: tokens, isContent: true)
    }
}
