import Synchronization

/// Tokens of a stream in progress: what the upstream reported, else what was counted from the text.
public final class UsageMeter: Sendable {
    private let state: Mutex<(reported: TokenUsage?, estimatedInput: Int, streamedCharacters: Int)>

    public init(estimatedInput: Int) {
        state = Mutex((nil, estimatedInput, 0))
    }

    public func report(_ usage: TokenUsage) { state.withLock { $0.reported = usage } }

    public func addStreamed(characters: Int) { state.withLock { $0.streamedCharacters += characters } }

    public var value: TokenUsage {
        state.withLock { s in
            s.reported ?? TokenUsage(input: s.estimatedInput, output: (s.streamedCharacters + 3) / 4)
        }
    }
}
