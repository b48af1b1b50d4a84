extension RequestRecord {
    /// The record with secrets removed from every text a client or an upstream could have put in it — the model
    /// name (a key pasted into `model`), the error message, each attempt's message, and the names beside them —
    /// before it reaches the recent requests, the feed, the trace archive or an export.
    func redacted() -> RequestRecord {
        var record = self
        record.model = TraceRedactor.redact(model)
        record.errorMessage = errorMessage.map(TraceRedactor.redact)
        record.servedBy = servedBy.map(TraceRedactor.redact)
        record.key = key.map(TraceRedactor.redact)
        record.team = team.map(TraceRedactor.redact)
        for k in record.attempts.indices {
            record.attempts[k].message = TraceRedactor.redact(attempts[k].message)
            record.attempts[k].deployment = TraceRedactor.redact(attempts[k].deployment)
        }
        return record
    }
}
