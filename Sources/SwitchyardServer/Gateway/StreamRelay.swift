import Foundation
import SwitchyardCore
import SwitchyardWire

/// The writing side of a relayed stream: an upstream's SSE events go through a `StreamTranslator` into the
/// client's frames, and the first signal reports once whether content arrived (nil) or the stream failed before
/// any. Shared by the HTTP transport and the demo's simulated streams, so both relay — and fail — the same way.
struct StreamRelay: Sendable {
    /// What the caller reads: the client's frames, the first signal and the token meter. Kept apart from the
    /// writer: the client's stream must be free to end (and cancel the pump) while the pump still holds the writer.
    struct Reading: Sendable {
        /// The frames for the client, in its wire format.
        let frames: AsyncThrowingStream<Data, any Error>
        /// One value: nil once the first content frame is out, or the failure that came before any.
        let firstSignal: AsyncStream<UpstreamFailure?>
        /// Tokens seen so far.
        let meter: UsageMeter
    }

    private let sink: AsyncThrowingStream<Data, any Error>.Continuation
    private let firstSink: AsyncStream<UpstreamFailure?>.Continuation
    private var translator: StreamTranslator
    private var signalled = false

    private init(sink: AsyncThrowingStream<Data, any Error>.Continuation,
                 firstSink: AsyncStream<UpstreamFailure?>.Continuation, translator: StreamTranslator) {
        self.sink = sink
        self.firstSink = firstSink
        self.translator = translator
    }

    /// A new relay from `upstream`'s format into the `client` request's, and what its caller reads.
    static func open(upstream: WireFormat, client: ClientRequest, estimatedInput: Int) -> (StreamRelay, Reading) {
        let meter = UsageMeter(estimatedInput: estimatedInput)
        let translator = StreamTranslator(upstream: upstream, client: client, meter: meter, estimatedInput: estimatedInput)
        let (frames, sink) = AsyncThrowingStream<Data, any Error>.makeStream()
        let (firstSignal, firstSink) = AsyncStream<UpstreamFailure?>.makeStream(bufferingPolicy: .bufferingNewest(1))
        return (StreamRelay(sink: sink, firstSink: firstSink, translator: translator),
                Reading(frames: frames, firstSignal: firstSignal, meter: meter))
    }

    /// Called when the client stops reading (hung up, or the response ended).
    func onTermination(_ handler: @escaping @Sendable () -> Void) {
        sink.onTermination = { _ in handler() }
    }

    /// Translates `events` and passes their frames on; the first content frame raises the first signal.
    mutating func relay(_ events: [SSEEvent]) throws(UpstreamFailure) {
        for event in events {
            let out = try translator.feed(event)
            for frame in out.frames { sink.yield(frame) }
            if out.hasContent, !signalled {
                signalled = true
                firstSink.yield(nil)
            }
        }
    }

    /// The upstream's stream ended: a stream without its terminal event was cut; otherwise its last frames go
    /// out and the client's stream ends cleanly.
    mutating func finish(provider: String) throws(UpstreamFailure) {
        guard translator.completed else {
            throw UpstreamFailure(errorClass: .server, message: "stream from \(provider) was cut before its end")
        }
        for frame in translator.finish() { sink.yield(frame) }
        if !signalled { firstSink.yield(nil) }
        sink.finish()
        firstSink.finish()
    }

    /// Ends the client's stream with `failure` (reported as the first signal when no content went out yet).
    func fail(_ failure: UpstreamFailure) {
        if !signalled { firstSink.yield(failure) }
        sink.finish(throwing: failure)
        firstSink.finish()
    }
}
