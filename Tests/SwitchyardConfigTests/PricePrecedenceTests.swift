import SwitchyardConfig
import SwitchyardCore
import Testing

@Suite struct PricePrecedenceTests {
    /// Four deployments of one upstream id family: own price, `prices:` override, catalog, and unknown.
    static let yaml = """
        providers:
          - { name: openai, kind: openai }
          - { name: local, kind: openai-compatible, base_url: http://127.0.0.1:8000/v1 }
        models:
          - name: own
            deployments: [{ provider: openai, model: gpt-4o, price: { input: 1, output: 2 } }]
          - name: overridden
            deployments: [{ provider: openai, model: gpt-4o-mini }]
          - name: listed
            deployments: [{ provider: openai, model: gpt-4o-2024-08-06 }]
          - name: mystery
            deployments: [{ provider: local, model: my-finetune }]
          - name: sized
            deployments: [{ provider: openai, model: gpt-4.1, context_window: 5000 }]
        prices:
          gpt-4o: { input: 7, output: 8 }
          gpt-4o-mini: { input: 0.5, output: 0.75, context_window: 64000 }
        """

    private func deployment(_ config: GatewayConfig, _ model: String) -> DeploymentSpec? {
        config.deployments.first { $0.model == model }
    }

    @Test func configBeatsPricesBeatsCatalogBeatsUnknown() throws {
        let catalog = try PriceCatalog.builtIn
        let (config, warnings) = try ConfigLoader.parse(yaml: Self.yaml, file: "p.yaml")
        #expect(config.priceSources == [
            "own/openai": .config, "overridden/openai": .prices, "listed/openai": .catalog, "mystery/local": .unknown,
            "sized/openai": .catalog,
        ])
        #expect(deployment(config, "own")?.price == Price(inputPerMTok: 1, outputPerMTok: 2))
        #expect(deployment(config, "overridden")?.price == Price(inputPerMTok: 0.5, outputPerMTok: 0.75))
        let listed = try #require(catalog.lookup(provider: "openai", model: "gpt-4o-2024-08-06"))
        #expect(deployment(config, "listed")?.price == listed.price)
        #expect(deployment(config, "listed")?.price.cachedInputPerMTok != nil)
        #expect(config.unpricedDeployments == ["mystery/local"])
        #expect(warnings.contains { $0.message.contains("mystery/local has no price") })
        #expect(config.catalogPricesTakenOn == catalog.pricesTakenOn)
    }

    @Test func contextWindowComesFromPricesOrCatalogUnlessSet() throws {
        let catalog = try PriceCatalog.builtIn
        let (config, _) = try ConfigLoader.parse(yaml: Self.yaml, file: "p.yaml")
        #expect(deployment(config, "overridden")?.contextWindow == 64000)
        #expect(deployment(config, "listed")?.contextWindow == catalog.lookup(provider: nil, model: "gpt-4o")?.contextWindow)
        #expect(deployment(config, "sized")?.contextWindow == 5000)
        #expect(deployment(config, "mystery")?.contextWindow == 128_000)
    }

    @Test func anInjectedCatalogIsUsedInsteadOfTheBuiltIn() throws {
        let tiny = try PriceCatalog(pricesTakenOn: "2025-06-01", source: "test", entries: [
            PriceEntry(id: "my-finetune", provider: "local", input: 9, output: 9, contextWindow: 4096),
        ])
        let (config, _) = try ConfigLoader.parse(yaml: Self.yaml, file: "p.yaml", catalog: tiny)
        #expect(config.priceSources["mystery/local"] == .catalog)
        #expect(config.priceSources["listed/openai"] == .unknown)
        #expect(deployment(config, "mystery")?.contextWindow == 4096)
        #expect(config.catalogPricesTakenOn == "2025-06-01")
    }

    @Test func priceReportFlagsUnknownCost() throws {
        let (config, _) = try ConfigLoader.parse(yaml: Self.yaml, file: "p.yaml")
        let lines = config.priceReport()
        #expect(lines.count == config.deployments.count)
        let mystery = lines.first { $0.hasPrefix("mystery/local") }
        #expect(mystery?.contains("UNKNOWN COST") == true)
        let own = lines.first { $0.hasPrefix("own/openai") }
        #expect(own?.contains("config") == true)
        #expect(own?.contains("$1.00 in / $2.00 out per 1M") == true)
        #expect(lines.first { $0.hasPrefix("listed/openai") }?.contains("cached $1.25") == true)
    }
}
