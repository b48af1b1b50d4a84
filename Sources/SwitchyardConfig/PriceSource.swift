/// Where a deployment's price came from, in order of precedence.
public enum PriceSource: String, Sendable, Codable, CaseIterable, Hashable {
    /// The deployment's own `price:`.
    case config
    /// The top-level `prices:` section, by upstream model id.
    case prices
    /// The built-in price catalog.
    case catalog
    /// No price anywhere: the deployment's cost is reported as unknown, never as zero.
    case unknown
}
