/// How a streamed request ended, as its lease recorded it.
public struct SettledStream: Sendable {
    /// The request's summary, as the requests pane shows it.
    public let record: RequestRecord
    /// The finished trace, handed back for the ingress to add its response write to and record (see
    /// `GatewayEngine.file`); nil when the engine recorded it, or nothing is traced.
    public let trace: RequestTrace?
}
