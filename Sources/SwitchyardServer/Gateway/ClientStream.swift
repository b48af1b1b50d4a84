import Foundation
import Synchronization
import SwitchyardCore

/// Tokens of a stream in progress: what the upstream reported, else what was counted from the text.
final class UsageMeter: Sendable {
    private let state: Mutex<(reported: TokenUsage?, estimatedInput: Int, streamedCharacters: Int)>

    init(estimatedInput: Int) {
        state = Mutex((nil, estimatedInput, 0))
    }

    func report(_ usage: TokenUsage) { state.withLock { $0.reported = usage } }

    func addStreamed(characters: Int) { state.withLock { $0.streamedCharacters += characters } }

    var value: TokenUsage {
        state.withLock { s in
            s.reported ?? TokenUsage(input: s.estimatedInput, output: (s.streamedCharacters + 3) / 4)
        }
    }
}

/// A streamed response already in the client's wire format: SSE frames ready to write, in batches (the frames of
/// one upstream read, written together), plus its token meter. Iterating `frames` throws an `UpstreamFailure` if
/// the upstream stream breaks.
struct ClientStream: Sendable {
    let frames: AsyncThrowingStream<[Data], any Error>
    let usage: UsageMeter
    /// Ends the stream from outside with `failure` (a drain whose time is up); the upstream exchange is dropped.
    let abort: @Sendable (UpstreamFailure) -> Void
}
