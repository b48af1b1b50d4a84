/// Immutable integer indices over a catalog so the hot path uses arrays, not string lookups.
struct CatalogIndex: Sendable {
    let catalog: Catalog
    let deploymentByID: [String: Int]
    let providerByName: [String: Int]
    let groupByName: [String: Int]
    /// Provider index of each deployment.
    let providerOf: [Int]
    /// Model-group index of each deployment (its `model`).
    let groupOf: [Int]
    /// Priority and price of each deployment, copied out so routing does not touch the specs' strings.
    let priorities: [Int]
    let prices: [Price]
    /// Deployment indices of each group, in configuration order.
    let groupDeployments: [[Int]]
    /// Groups tried for a request to each group: itself, then its fallbacks in order (no repeats).
    let chains: [[Int]]
    /// Per group: the highest input and the highest output price over every deployment of its chain, so an
    /// admission estimate covers whichever deployment ends up answering.
    let chainPeakPrices: [Price]

    init(catalog: Catalog) {
        self.catalog = catalog
        var deployments: [String: Int] = [:]
        for (i, d) in catalog.deployments.enumerated() { deployments[d.id] = i }
        var providers: [String: Int] = [:]
        for (i, p) in catalog.providers.enumerated() { providers[p.name] = i }
        var groups: [String: Int] = [:]
        for (i, m) in catalog.models.enumerated() { groups[m.name] = i }
        deploymentByID = deployments
        providerByName = providers
        groupByName = groups
        providerOf = catalog.deployments.map { providers[$0.provider] ?? 0 }
        groupOf = catalog.deployments.map { groups[$0.model] ?? 0 }
        priorities = catalog.deployments.map(\.priority)
        prices = catalog.deployments.map(\.price)
        groupDeployments = catalog.models.map { m in m.deployments.compactMap { deployments[$0] } }
        chains = catalog.models.enumerated().map { i, m in
            var chain = [i]
            for f in m.fallbacks {
                if let g = groups[f], !chain.contains(g) { chain.append(g) }
            }
            return chain
        }
        let groupDeployments = self.groupDeployments
        let prices = self.prices
        chainPeakPrices = chains.map { chain in
            var peak = Price(inputPerMTok: 0, outputPerMTok: 0)
            for g in chain {
                for d in groupDeployments[g] {
                    peak.inputPerMTok = max(peak.inputPerMTok, prices[d].inputPerMTok)
                    peak.outputPerMTok = max(peak.outputPerMTok, prices[d].outputPerMTok)
                }
            }
            return peak
        }
    }

    /// Dollars the request could cost at most on group `g`'s chain: its prompt and its completion ceiling
    /// at the chain's peak prices.
    func estimatedCost(group g: Int, request: GatewayRequest) -> CostEstimate {
        let peak = chainPeakPrices[g]
        return CostEstimate(
            inputCost: peak.cost(inputTokens: max(0, request.inputTokens), outputTokens: 0),
            outputCostPerToken: peak.outputPerMTok / 1_000_000, outputTokens: request.maxOutputTokens)
    }

    func deployment(_ i: Int) -> DeploymentSpec { catalog.deployments[i] }
    func group(_ i: Int) -> ModelGroupSpec { catalog.models[i] }
}
