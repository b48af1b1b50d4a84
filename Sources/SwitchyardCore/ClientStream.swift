import Foundation

/// A streamed response already in the client's wire format: SSE frames ready to write, in batches (the frames of
/// one upstream read, written together), plus its token meter. Iterating `frames` throws an `UpstreamFailure` if
/// the upstream stream breaks.
public struct ClientStream: Sendable {
    public let frames: AsyncThrowingStream<[Data], any Error>
    public let usage: UsageMeter
    /// Ends the stream from outside with `failure` (a drain whose time is up); the upstream exchange is dropped.
    public let abort: @Sendable (UpstreamFailure) -> Void
    /// The frames are Responses API events from an upstream that served a Responses request natively, not frames
    /// of the operation the engine carried (`GatewayRequest.nativeResponses`).
    public let isNativeResponses: Bool

    public init(
        frames: AsyncThrowingStream<[Data], any Error>, usage: UsageMeter,
        abort: @escaping @Sendable (UpstreamFailure) -> Void, isNativeResponses: Bool = false
    ) {
        self.frames = frames
        self.usage = usage
        self.abort = abort
        self.isNativeResponses = isNativeResponses
    }
}
