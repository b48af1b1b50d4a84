import NIOCore

/// Waiting inside a response without outliving the client connection.
enum SimulatorPacing {
    /// Longest single sleep, so a request notices a closed connection or a shutdown reasonably soon.
    private static let slice = 0.1

    /// Sleeps `seconds`; false if the task was cancelled or the connection closed meanwhile.
    static func pause(_ seconds: Double, on channel: any Channel) async -> Bool {
        guard seconds > 0 else { return true }
        // The server keeps half-closed connections open, so a client hanging up while we wait would go unseen.
        // Closing on end-of-input instead makes `isActive` drop when it leaves. Only on this slow path, so
        // instant answers pay nothing for it.
        channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: false).whenComplete { _ in }
        var remaining = seconds
        while remaining > 0 {
            let step = min(remaining, slice)
            do {
                try await Task.sleep(nanoseconds: UInt64(step * 1_000_000_000))
            } catch {
                return false
            }
            remaining -= step
            if !channel.isActive { return false }
        }
        return true
    }

    /// Closes the connection without (further) response bytes.
    static func drop(_ channel: any Channel) async {
        try? await channel.close()
    }
}
