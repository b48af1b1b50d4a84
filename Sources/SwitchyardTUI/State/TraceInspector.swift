import SwitchyardCore

/// How far a request's trace has arrived from the gateway.
public enum TraceLoad: Sendable, Hashable {
    /// Asked for; the attempts from the snapshot show meanwhile.
    case loading
    /// The gateway's trace.
    case loaded(RequestTrace)
    /// The gateway has no trace of the request (tracing off, or evicted from its memory and archive).
    case missing
    /// Fetching it failed.
    case failed(String)
}

/// The request open in the inspector: which one, its trace, and whether one span is shown in full.
public struct TraceInspector: Sendable, Hashable {
    /// The request's id.
    public var requestID: String
    /// The trace, as far as it has arrived.
    public var load: TraceLoad
    /// Whether the selected span's details fill the view (Enter on a span).
    public var zoomed = false
    /// First line shown of the zoomed details.
    public var scroll = 0

    /// An inspector waiting for the trace of request `requestID`.
    public init(requestID: String, load: TraceLoad = .loading) {
        self.requestID = requestID
        self.load = load
    }

    /// The trace, once loaded.
    public var trace: RequestTrace? {
        if case .loaded(let trace) = load { return trace }
        return nil
    }
}
