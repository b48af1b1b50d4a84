/// Where a fallback moved a request, as the `scope` label of `switchyard_fallbacks_total`.
public enum FallbackScope: String, Sendable, Codable, CaseIterable, Hashable {
    /// To another deployment of the same model group.
    case deployment
    /// To the next model group of the fallback chain.
    case model

    /// Dense index for flat counters, in `allCases` order.
    var ordinal: Int { self == .deployment ? 0 : 1 }
}
