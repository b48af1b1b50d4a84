/// Immutable integer indices over a catalog so the hot path uses arrays, not string lookups.
///
/// Indices are slots that a reload never reuses for something else: a reloaded index keeps every slot of the one
/// before (a provider, deployment or model the new catalog dropped stays as a retired slot) and appends what is
/// new. A request routed on an older index therefore finishes on the same slots, and the engine's per-slot state
/// only ever grows. Retired slots are out of every by-name lookup and every listing (`live…`).
final class CatalogIndex: Sendable {
    /// Every slot, retired ones included, in slot order.
    let catalog: Catalog
    /// The catalog in force: what clients and operators see.
    let live: Catalog
    /// Live slots only.
    let deploymentByID: [String: Int]
    let providerByName: [String: Int]
    let groupByName: [String: Int]
    /// Live slots in the live catalog's order.
    let liveDeployments: [Int]
    let liveProviders: [Int]
    let liveGroups: [Int]
    /// Provider slot of each deployment slot.
    let providerOf: [Int]
    /// Model-group slot of each deployment slot (its `model`).
    let groupOf: [Int]
    /// Priority and price of each deployment, copied out so routing does not touch the specs' strings.
    let priorities: [Int]
    let prices: [Price]
    /// Deployment slots of each group, in configuration order.
    let groupDeployments: [[Int]]
    /// Groups tried for a request to each group: itself, then its fallbacks in order (no repeats).
    let chains: [[Int]]
    /// Per group: the highest input and the highest output price over every deployment of its chain, so an
    /// admission estimate covers whichever deployment ends up answering.
    let chainPeakPrices: [Price]

    /// Every entry of `catalog` live, in its order.
    convenience init(catalog: Catalog) {
        self.init(slots: catalog, live: catalog, liveDeployments: Array(catalog.deployments.indices),
                  liveProviders: Array(catalog.providers.indices), liveGroups: Array(catalog.models.indices))
    }

    /// `next` in force over this index's slots: an entry keeps the slot of the same name (updated to its new
    /// spec), new names get new slots at the end, and names `next` no longer has stay as retired slots.
    func reloaded(with next: Catalog) -> CatalogIndex {
        var slots = catalog
        func place<T>(_ items: [T], into all: inout [T], name: (T) -> String) -> [Int] {
            var slotByName: [String: Int] = [:]
            for (i, item) in all.enumerated() { slotByName[name(item)] = i }
            return items.map { item in
                if let slot = slotByName[name(item)] {
                    all[slot] = item
                    return slot
                }
                all.append(item)
                return all.count - 1
            }
        }
        let providers = place(next.providers, into: &slots.providers, name: \.name)
        let deployments = place(next.deployments, into: &slots.deployments, name: \.id)
        let groups = place(next.models, into: &slots.models, name: \.name)
        slots.taskRouting = next.taskRouting
        return CatalogIndex(slots: slots, live: next, liveDeployments: deployments, liveProviders: providers,
                            liveGroups: groups)
    }

    private init(slots catalog: Catalog, live: Catalog, liveDeployments: [Int], liveProviders: [Int], liveGroups: [Int]) {
        self.catalog = catalog
        self.live = live
        self.liveDeployments = liveDeployments
        self.liveProviders = liveProviders
        self.liveGroups = liveGroups
        // By name, live slots first so a retired slot never shadows a live one of the same name.
        func names<T>(_ items: [T], live: [Int], name: (T) -> String) -> (live: [String: Int], all: [String: Int]) {
            var all: [String: Int] = [:]
            for (i, item) in items.enumerated() { all[name(item)] = i }
            var current: [String: Int] = [:]
            for i in live { current[name(items[i])] = i }
            return (current, all)
        }
        let deployments = names(catalog.deployments, live: liveDeployments, name: \.id)
        let providers = names(catalog.providers, live: liveProviders, name: \.name)
        let groups = names(catalog.models, live: liveGroups, name: \.name)
        deploymentByID = deployments.live
        providerByName = providers.live
        groupByName = groups.live
        providerOf = catalog.deployments.map { providers.all[$0.provider] ?? 0 }
        groupOf = catalog.deployments.map { groups.all[$0.model] ?? 0 }
        priorities = catalog.deployments.map(\.priority)
        prices = catalog.deployments.map(\.price)
        let liveGroupSet = Set(liveGroups)
        // A live group names live deployments and fallbacks; a retired one keeps what it had, for requests in flight.
        groupDeployments = catalog.models.enumerated().map { g, m in
            let byID = liveGroupSet.contains(g) ? deployments.live : deployments.all
            return m.deployments.compactMap { byID[$0] }
        }
        chains = catalog.models.enumerated().map { i, m in
            let byName = liveGroupSet.contains(i) ? groups.live : groups.all
            var chain = [i]
            for f in m.fallbacks {
                if let g = byName[f], !chain.contains(g) { chain.append(g) }
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
