import Testing
import SwitchyardCore
@testable import SwitchyardSim

@Suite struct DemoCatalogTests {
    let setup = DemoCatalog.make()

    @Test func catalogValidates() {
        #expect(setup.catalog.validationErrors() == [])
    }

    @Test func hasEnoughProvidersAndModels() {
        #expect(Set(setup.catalog.providers.map(\.name)).count >= 4)
        #expect(setup.catalog.models.count >= 6)
        let usedProviders = Set(setup.catalog.deployments.map(\.provider))
        #expect(usedProviders == Set(setup.catalog.providers.map(\.name)), "every provider serves something")
    }

    @Test func everyStrategyIsUsed() {
        #expect(Set(setup.catalog.models.map(\.strategy)) == Set(RoutingStrategyKind.allCases))
    }

    @Test func everyModelHasTwoOrThreeDeploymentsOnDistinctProviders() {
        let byID = Dictionary(uniqueKeysWithValues: setup.catalog.deployments.map { ($0.id, $0) })
        for model in setup.catalog.models {
            #expect((2...3).contains(model.deployments.count), "\(model.name)")
            let providers = model.deployments.compactMap { byID[$0]?.provider }
            #expect(Set(providers).count == model.deployments.count, "\(model.name) repeats a provider")
            #expect(model.deployments.allSatisfy { byID[$0]?.model == model.name }, "\(model.name)")
        }
    }

    @Test func fallbacksFormChains() {
        let fallbacks = Dictionary(uniqueKeysWithValues: setup.catalog.models.map { ($0.name, $0.fallbacks) })
        #expect(fallbacks["gpt-4o"]?.first == "claude-sonnet")
        #expect(fallbacks["claude-sonnet"]?.first == "gpt-4o")
        #expect(setup.catalog.models.filter { !$0.fallbacks.isEmpty }.count >= 4)
    }

    @Test func pricesAndContextWindowsArePlausible() {
        for d in setup.catalog.deployments {
            #expect(d.price.inputPerMTok > 0 && d.price.outputPerMTok > 0, "\(d.id)")
            #expect(d.price.outputPerMTok >= d.price.inputPerMTok, "\(d.id): output usually costs at least input")
            #expect(d.contextWindow >= 100_000, "\(d.id)")
            #expect(d.weight > 0, "\(d.id)")
        }
        let sonnet = setup.catalog.deployments.first { $0.id == "claude-sonnet/anthropic" }
        let mini = setup.catalog.deployments.first { $0.id == "gpt-4o-mini/openai" }
        #expect((sonnet?.price.outputPerMTok ?? 0) > (mini?.price.outputPerMTok ?? .infinity) * 10)
    }

    @Test func budgetsCoverEveryScopeKindAndPointAtRealNames() {
        let teams = Set(setup.keys.map(\.team))
        let keys = Set(setup.keys.map(\.name))
        let models = Set(setup.catalog.models.map(\.name))
        var kinds = Set<String>()
        for b in setup.budgets {
            #expect(b.limit > 0)
            switch b.scope {
            case .global: kinds.insert("global")
            case .team(let t): kinds.insert("team"); #expect(teams.contains(t), "budget for unknown team \(t)")
            case .key(let k): kinds.insert("key"); #expect(keys.contains(k), "budget for unknown key \(k)")
            case .model(let m): kinds.insert("model"); #expect(models.contains(m), "budget for unknown model \(m)")
            }
        }
        #expect(kinds == ["global", "team", "key", "model"])
        #expect(setup.budgets.filter { if case .team = $0.scope { true } else { false } }.count >= 2)
    }

    @Test func keysAskForCatalogModels() {
        let models = Set(setup.catalog.models.map(\.name) + setup.catalog.taskRouting.models.map(\.name))
        #expect(setup.keys.count >= 4)
        #expect(Set(setup.keys.map(\.name)).count == setup.keys.count)
        for key in setup.keys {
            #expect(key.name.hasPrefix(key.team + "/"), "\(key.name)")
            #expect(key.trafficWeight > 0)
            #expect(!key.models.isEmpty)
            for p in key.models { #expect(models.contains(p.model), "\(key.name) asks for unknown \(p.model)") }
        }
        let asked = Set(setup.keys.flatMap { $0.models.map(\.model) })
        #expect(asked == models, "every model gets some traffic")
    }
}
