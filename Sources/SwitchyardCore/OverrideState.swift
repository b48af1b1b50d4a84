/// Operator overrides on top of the catalog. A plain value: the undo stack keeps whole copies.
struct OverrideState: Equatable {
    var providerDisabled: [Bool]
    var deploymentDisabled: [Bool]
    var draining: [Bool]
    var weight: [Double]

    /// No overrides: everything enabled at its configured weight.
    init(catalog: Catalog) {
        providerDisabled = Array(repeating: false, count: catalog.providers.count)
        deploymentDisabled = Array(repeating: false, count: catalog.deployments.count)
        draining = Array(repeating: false, count: catalog.deployments.count)
        weight = catalog.deployments.map(\.weight)
    }

    /// Human-readable list of what differs from `base`, or "none".
    func describe(against base: OverrideState, index: CatalogIndex) -> String {
        var parts: [String] = []
        for (i, p) in index.catalog.providers.enumerated() where providerDisabled[i] != base.providerDisabled[i] {
            parts.append("provider \(p.name) \(providerDisabled[i] ? "disabled" : "enabled")")
        }
        for (i, d) in index.catalog.deployments.enumerated() {
            if deploymentDisabled[i] != base.deploymentDisabled[i] {
                parts.append("\(d.id) \(deploymentDisabled[i] ? "disabled" : "enabled")")
            }
            if draining[i] != base.draining[i] { parts.append("\(d.id) \(draining[i] ? "draining" : "serving")") }
            if weight[i] != base.weight[i] { parts.append("\(d.id) weight \(InputBounds.formatNumber(weight[i]))") }
        }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}

/// One applied override, kept so `undo` can restore the state before it.
struct UndoEntry {
    var before: OverrideState
    var action: String
    var beforeText: String
    var afterText: String
    var target: String?
    var model: String?
}
