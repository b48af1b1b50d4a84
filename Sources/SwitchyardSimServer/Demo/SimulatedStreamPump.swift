import Foundation
import SwitchyardCore
import SwitchyardGateway
import SwitchyardWire

/// Plays a simulated provider's stream frames at the planned pace, translated into the client's format, the way
/// `HTTPUpstreamTransport` relays a real one: the call returns once the first content is ready, so a stream that
/// fails before any content can still be retried elsewhere.
struct SimulatedStreamPump: Sendable {
    /// The provider's frames, in its own wire format.
    var frames: [SimulatorFrame]
    var upstream: WireFormat
    var request: ClientRequest
    var estimatedInput: Int
    var timeToFirstToken: Double
    var secondsPerToken: Double
    /// A planned cut: the fraction of content frames sent before the stream breaks with `failure`.
    var cut: (fraction: Double, failure: UpstreamFailure)?
    var provider: String
    var clock: any EngineClock

    /// Starts the stream; returns the client stream once its first content frame is ready, or the failure first.
    func open() async -> Result<UpstreamSuccess, UpstreamFailure> {
        let started = clock.now()
        let meter = UsageMeter(estimatedInput: estimatedInput)
        let (output, sink) = AsyncThrowingStream<[Data], any Error>.makeStream()
        let (firstSignal, firstSink) = AsyncStream<UpstreamFailure?>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let pump = Task { [self] in
            let relay = FrameRelay(
                StreamTranslator(upstream: upstream, client: request, meter: meter, estimatedInput: estimatedInput),
                frames: sink, provider: provider, total: .infinity
            ) { firstSink.yield($0) }
            do {
                try await play { events in try relay.relay(events) }
                try relay.finish()
            } catch {
                relay.fail(error as? UpstreamFailure
                    ?? UpstreamFailure(errorClass: .other, message: "stream from \(provider) cancelled"))
            }
        }
        sink.onTermination = { _ in pump.cancel() }
        let first = await withTaskCancellationHandler { () -> UpstreamFailure? in
            for await outcome in firstSignal { return outcome }
            return UpstreamFailure(errorClass: .server, message: "stream from \(provider) ended empty")
        } onCancel: {
            pump.cancel()
        }
        if let first {
            pump.cancel()
            return .failure(first)
        }
        return .success(UpstreamSuccess(
            inputTokens: meter.value.input, outputTokens: 0, timeToFirstToken: clock.now() - started,
            body: .stream(ClientStream(frames: output, usage: meter, abort: { sink.finish(throwing: $0) }))))
    }

    /// Waits before each frame as the plan says and hands its parsed events to `relay`; throws the planned cut.
    /// Pacing mirrors `SimulatorStreamPlayer`: the first frame after the time to first token, then each content
    /// frame after its tokens' worth of output time.
    private func play(_ relay: ([SSEEvent]) throws -> Void) async throws {
        let contentCount = frames.lazy.filter(\.isContent).count
        let cutAfter = cut.map { max(1, min(contentCount, Int((Double(contentCount) * $0.fraction).rounded(.down)))) }
        var parser = SSEParser()
        var sentContent = 0
        for (index, frame) in frames.enumerated() {
            var delay = 0.0
            if index == 0 {
                delay = timeToFirstToken
            } else if frame.isContent && sentContent > 0 {
                delay = Double(frame.tokens) * secondsPerToken
            }
            if delay > 0 { try await clock.sleep(seconds: delay) }
            try relay(parser.feed(frame.bytes.readableBytesView))
            if frame.isContent { sentContent += 1 }
            if let cutAfter, let cut {
                // An answer without content (a stop sequence at the very start) breaks after its first event.
                let cutHere = frame.isContent ? sentContent >= cutAfter : contentCount == 0
                if cutHere { throw cut.failure }
            }
        }
        try relay(parser.finish())
    }
}
