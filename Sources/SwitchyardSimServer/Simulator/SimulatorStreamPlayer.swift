import Hummingbird
import NIOCore
import SwitchyardSim

/// Plays encoded frames to the client at the call's pace, applying stream faults (a cut drops the connection, or
/// ends the stream with the family's failure event when it has one).
struct SimulatorStreamPlayer: Sendable {
    var frames: [SimulatorFrame]
    var timeToFirstToken: Double
    var secondsPerToken: Double
    var fault: InjectedFault?
    var channel: any Channel
    var ticket: SimulatorTicket
    /// The event a cut stream ends with, cleanly, instead of the connection dropping.
    var breaksWith: ByteBuffer? = nil

    /// Writes every frame, or stops where a cut fault says. Frames due at the same moment go out in one write.
    func play(to writer: inout any ResponseBodyWriter) async throws {
        let contentCount = frames.lazy.filter(\.isContent).count
        var cutAfter: Int?
        if case .streamCut(let fraction) = fault {
            cutAfter = max(1, min(contentCount, Int((Double(contentCount) * fraction).rounded(.down))))
        }
        let corrupt = fault == .malformedBody
        var pending = ByteBuffer()
        var sentContent = 0
        for (index, frame) in frames.enumerated() {
            var delay = 0.0
            if index == 0 {
                delay = timeToFirstToken
            } else if frame.isContent && sentContent > 0 {
                delay = Double(frame.tokens) * secondsPerToken
            }
            if delay > 0 {
                try await flush(&pending, to: &writer)
                guard await SimulatorPacing.pause(delay, on: channel) else {
                    ticket.cancelled()
                    throw CancellationError()
                }
            }
            var bytes = frame.bytes
            if corrupt && frame.isContent && sentContent == 0 {
                bytes = Self.truncated(bytes)
            }
            pending.writeImmutableBuffer(bytes)
            if frame.isContent { sentContent += 1 }
            // An answer without content (a stop sequence at the very start) is cut after its first event.
            let cutHere = frame.isContent ? sentContent >= (cutAfter ?? .max) : (cutAfter != nil && contentCount == 0)
            if cutHere, let breaksWith {
                pending.writeImmutableBuffer(breaksWith)
                try await flush(&pending, to: &writer)
                ticket.fault(.cut)
                try await writer.finish(nil)
                return
            }
            if cutHere {
                try await flush(&pending, to: &writer)
                ticket.fault(.cut)
                await SimulatorPacing.drop(channel)
                throw SimulatorConnectionDropped()
            }
        }
        try await flush(&pending, to: &writer)
        try await writer.finish(nil)
    }

    private func flush(_ pending: inout ByteBuffer, to writer: inout any ResponseBodyWriter) async throws {
        guard pending.readableBytes > 0 else { return }
        do {
            try await writer.write(pending)
        } catch {
            ticket.cancelled()
            throw error
        }
        pending = ByteBuffer()
    }

    /// The event with its JSON cut in half, still ended by a blank line so the client parses the event and
    /// then fails on its data.
    static func truncated(_ frame: ByteBuffer) -> ByteBuffer {
        let body = max(0, frame.readableBytes - 2)
        guard let dataStart = frame.readableBytesView.firstRange(of: Array("data: ".utf8))?.upperBound else {
            // Not SSE (Bedrock's event stream): one byte in the middle flipped, so the frame's checksum fails.
            var out = frame
            let middle = out.readerIndex + out.readableBytes / 2
            if let byte = out.getInteger(at: middle, as: UInt8.self) { out.setInteger(byte ^ 0x5A, at: middle) }
            return out
        }
        let offset = dataStart - frame.readableBytesView.startIndex
        let keep = offset + max(1, (body - offset) / 2)
        var out = frame.getSlice(at: frame.readerIndex, length: min(keep, body)) ?? ByteBuffer()
        out.writeString("\n\n")
        return out
    }
}
