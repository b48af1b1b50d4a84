import Testing

/// End-to-end suites that load the machine (many concurrent clients, wrk, the official SDKs) or need it responsive
/// (dashboards in tmux) run one at a time, so none of them measures another's load on a 2-core machine. They also
/// wait for child processes synchronously, holding a thread of the concurrency pool while they do: one at a time,
/// they leave the other thread to the in-process server tests.
@Suite(.serialized) enum SerialEndToEnd {}
