import Testing

/// End-to-end suites that load the machine (many concurrent clients, wrk, the official SDKs) or need it responsive
/// (dashboards in tmux) run one at a time, so none of them measures another's load on a 2-core machine.
@Suite(.serialized) enum SerialEndToEnd {}
