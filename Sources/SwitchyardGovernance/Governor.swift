import SwitchyardCore

/// Admission control over virtual keys, teams and budgets (implementation in progress).
public final class Governor: Sendable {}
