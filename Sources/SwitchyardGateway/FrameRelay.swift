import Foundation
import NIOCore
import SwitchyardCore
import SwitchyardHTTP
import SwitchyardWire

/// Relays an upstream's streaming body (SSE, or Bedrock's event stream read as SSE events) to the client as it arrives (on the upstream connection's loop for HTTP, in the
/// playing task for the demo's simulated streams): parses events, translates them into the client's wire format,
/// and passes the frames of one upstream read on as one batch (written to the client in one write). The first
/// content, a failure before it, or the first-token deadline is told to `first` once, so the engine knows whether
/// it may still fall back.
package final class FrameRelay {
    private var translator: StreamTranslator
    private var source: any UpstreamEventSource
    private let frames: AsyncThrowingStream<[Data], any Error>.Continuation
    private let first: (UpstreamFailure?) -> Void
    private let provider: String
    private let total: Double
    private var signalled = false
    private var done = false
    private var firstTokenTimer: Scheduled<Void>?
    /// Cancels the upstream exchange: a failed translation or a missed deadline ends it.
    var cancelUpstream: () -> Void = {}

    package convenience init(
        _ translator: StreamTranslator, frames: AsyncThrowingStream<[Data], any Error>.Continuation,
        provider: String, total: Double, first: @escaping (UpstreamFailure?) -> Void
    ) {
        self.init(translator, source: SSEParser(), frames: frames, provider: provider, total: total, first: first)
    }

    init(
        _ translator: StreamTranslator, source: any UpstreamEventSource,
        frames: AsyncThrowingStream<[Data], any Error>.Continuation,
        provider: String, total: Double, first: @escaping (UpstreamFailure?) -> Void
    ) {
        self.translator = translator
        self.source = source
        self.frames = frames
        self.first = first
        self.provider = provider
        self.total = total
    }

    /// The first content must come within `seconds`, else the stream fails as a first-token timeout.
    func armFirstToken(_ seconds: Double?, on loop: any EventLoop) {
        guard let seconds else { return }
        let bound = NIOLoopBound(self, eventLoop: loop)
        firstTokenTimer = loop.scheduleTask(in: .duration(seconds: max(0.001, seconds))) {
            let relay = bound.value
            guard !relay.signalled else { return }
            relay.fail(UpstreamFailureClassifier.failure(TimeoutError(seconds: seconds), provider: relay.provider))
        }
    }

    /// One event of the upstream body.
    func handle(_ event: ClientBodyEvent) {
        guard !done else { return }
        switch event {
        case .chunk(let buffer):
            do {
                try relay(source.feed(buffer.readableBytesView))
            } catch {
                fail(UpstreamFailureClassifier.bodyFailure(error, provider: provider))
            }
        case .end:
            do {
                try relay(source.finish())
                try finish()
            } catch {
                fail(UpstreamFailureClassifier.bodyFailure(error, provider: provider))
            }
        case .failed(let error):
            fail(error == .finishTimeout
                ? UpstreamFailureClassifier.totalTimeout(total, provider: provider)
                : UpstreamFailureClassifier.bodyFailure(error, provider: provider))
        }
    }

    /// Translates `events` and passes their frames on as one batch, the ones before a failing event included.
    package func relay(_ events: [SSEEvent]) throws {
        var batch: [Data] = []
        var content = false
        defer { send(batch, content: content) }
        for event in events {
            let out = try translator.feed(event)
            batch.append(contentsOf: out.frames)
            content = content || out.hasContent
        }
    }

    /// Ends a stream the upstream finished: its closing frames, or a failure if it was cut before its end.
    package func finish() throws {
        guard translator.completed else {
            throw UpstreamFailure(errorClass: .server, message: "stream from \(provider) was cut before its end")
        }
        send(translator.finish(), content: true)
        done = true
        frames.finish()
        settleFirst(nil)
    }

    /// Ends the stream with `failure`; before any content, the failure is what the engine sees (and may retry).
    package func fail(_ failure: UpstreamFailure) {
        guard !done else { return }
        done = true
        settleFirst(failure)
        frames.finish(throwing: failure)
        cancelUpstream()
    }

    private func send(_ batch: [Data], content: Bool) {
        if !batch.isEmpty { frames.yield(batch) }
        if content { settleFirst(nil) }
    }

    private func settleFirst(_ failure: UpstreamFailure?) {
        guard !signalled else { return }
        signalled = true
        firstTokenTimer?.cancel()
        firstTokenTimer = nil
        first(failure)
    }
}
