import Foundation
import SwitchyardCore
import SwitchyardWire

/// Passes a translated stream on to the client: the frames of one upstream read go as one batch (written to the
/// client in one write, not one system call per frame), and the first content is signalled once its frames are
/// queued, so the engine can stop considering fallbacks.
struct FrameRelay {
    private var translator: StreamTranslator
    private let frames: AsyncThrowingStream<[Data], any Error>.Continuation
    private let first: AsyncStream<UpstreamFailure?>.Continuation
    private var signalled = false

    /// A relay translating with `translator` into `frames`, signalling on `first` (nil: content arrived).
    init(
        _ translator: StreamTranslator, frames: AsyncThrowingStream<[Data], any Error>.Continuation,
        first: AsyncStream<UpstreamFailure?>.Continuation
    ) {
        self.translator = translator
        self.frames = frames
        self.first = first
    }

    /// Translates `events` and passes their frames on as one batch, the ones before a failing event included.
    mutating func relay(_ events: [SSEEvent]) throws {
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
    mutating func finish(provider: String) throws {
        guard translator.completed else {
            throw UpstreamFailure(errorClass: .server, message: "stream from \(provider) was cut before its end")
        }
        send(translator.finish(), content: true)
        frames.finish()
        first.finish()
    }

    /// Ends the stream with `failure`; before any content, the failure is what the engine sees (and may retry).
    func fail(_ failure: UpstreamFailure) {
        if !signalled { first.yield(failure) }
        frames.finish(throwing: failure)
        first.finish()
    }

    private mutating func send(_ batch: [Data], content: Bool) {
        if !batch.isEmpty { frames.yield(batch) }
        if content, !signalled {
            signalled = true
            first.yield(nil)
        }
    }
}
