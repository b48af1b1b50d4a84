import SwitchyardCore

/// Decides a deployment's price and context window: its own `price:`, else `prices:` by upstream model id,
/// else the built-in catalog, else unknown.
struct DeploymentPricing {
    var overrides: [String: PriceOverride]
    var catalog: PriceCatalog?

    struct Resolved {
        var price: Price?
        var source: PriceSource
        var contextWindow: Int?
        /// What the model can do per the price catalog; nil when the catalog does not know it.
        var capabilities: Set<ModelCapability>?
    }

    func resolve(provider: String, upstream: String, explicit: Price?) -> Resolved {
        let override = overrides[upstream] ?? overrides.first { $0.key.lowercased() == upstream.lowercased() }?.value
        let entry = catalog?.lookup(provider: provider, model: upstream)
        let context = override?.contextWindow ?? entry?.contextWindow
        let can = entry.map { Set($0.capabilities) }
        if let explicit { return Resolved(price: explicit, source: .config, contextWindow: context, capabilities: can) }
        if let override { return Resolved(price: override.price, source: .prices, contextWindow: context, capabilities: can) }
        if let entry { return Resolved(price: entry.price, source: .catalog, contextWindow: context, capabilities: can) }
        return Resolved(price: nil, source: .unknown, contextWindow: context, capabilities: nil)
    }
}

/// One entry of the `prices:` section.
struct PriceOverride {
    var price: Price
    var contextWindow: Int?
}
