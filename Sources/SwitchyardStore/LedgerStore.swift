import GRDB
import SwitchyardCore

/// The SQLite spend ledger (implementation in progress).
public final class LedgerStore: Sendable {}
