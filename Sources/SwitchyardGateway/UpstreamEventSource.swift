import SwitchyardWire

/// Reads a streaming upstream body into SSE events as it arrives: SSE itself, or another framing translated into
/// the events of a wire family the stream translators know (Bedrock's event stream into Anthropic's events).
protocol UpstreamEventSource {
    /// The events completed by `bytes`.
    mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [SSEEvent]
    /// The events left when the body ends; throws when it ended inside an event.
    mutating func finish() throws -> [SSEEvent]
}

extension SSEParser: UpstreamEventSource {}
