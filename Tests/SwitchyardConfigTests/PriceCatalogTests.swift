import Foundation
import SwitchyardConfig
import SwitchyardCore
import Testing

@Suite struct PriceCatalogTests {
    @Test func builtInCatalogIsLargeAndWellFormed() throws {
        let catalog = try PriceCatalog.builtIn
        #expect(catalog.count >= 200)
        #expect(catalog.count == catalog.entries.count)
        #expect(!catalog.source.isEmpty)
        for entry in catalog.entries {
            #expect(entry.input >= 0 && entry.input.isFinite, "\(entry.id) input")
            #expect(entry.output >= 0 && entry.output.isFinite, "\(entry.id) output")
            #expect((entry.cachedInput ?? 0) >= 0, "\(entry.id) cachedInput")
            #expect(entry.contextWindow > 0, "\(entry.id) contextWindow")
        }
        let keys = catalog.entries.map { "\($0.provider)/\($0.id.lowercased())" }
        #expect(Set(keys).count == keys.count)
    }

    @Test func builtInDateParses() throws {
        let text = try PriceCatalog.builtIn.pricesTakenOn
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.isLenient = false
        #expect(formatter.date(from: text) != nil)
    }

    @Test func builtInCoversTheMajorProviders() throws {
        let providers = Set(try PriceCatalog.builtIn.entries.map(\.provider))
        for name in ["openai", "anthropic", "gemini", "deepseek", "dashscope", "zhipu", "moonshot", "minimax", "mistral",
                     "xai", "groq", "together", "fireworks", "bedrock"] {
            #expect(providers.contains(name), "\(name)")
        }
    }

    @Test func lookupExactAliasPrefixedAndDated() throws {
        let catalog = try PriceCatalog.builtIn
        #expect(catalog.lookup(provider: "openai", model: "gpt-4o")?.id == "gpt-4o")
        // Exact snapshot listed with its own price beats the base model.
        #expect(catalog.lookup(provider: nil, model: "gpt-4o-2024-05-13")?.input == 5)
        // Alias.
        #expect(catalog.lookup(provider: nil, model: "claude-sonnet-4-5")?.id == "claude-sonnet-4-5-20250929")
        #expect(catalog.lookup(provider: nil, model: "gpt-35-turbo")?.id == "gpt-3.5-turbo")
        // Provider prefixes: router style, Bedrock (region, vendor, version), Vertex.
        #expect(catalog.lookup(provider: nil, model: "openai/gpt-4o-mini")?.id == "gpt-4o-mini")
        #expect(catalog.lookup(provider: "bedrock", model: "us.anthropic.claude-3-5-sonnet-20241022-v2:0")?.id
            == "claude-3-5-sonnet-20241022")
        #expect(catalog.lookup(provider: "bedrock", model: "eu.amazon.nova-pro-v1:0")?.id == "amazon.nova-pro-v1:0")
        #expect(catalog.lookup(provider: "vertex", model: "claude-opus-4-1@20250805")?.id == "claude-opus-4-1-20250805")
        // Unlisted dated snapshot falls back to its base id.
        #expect(catalog.lookup(provider: nil, model: "gpt-4.1-2026-01-01")?.id == "gpt-4.1")
        #expect(catalog.lookup(provider: nil, model: "o3-pro-2099-12-31")?.output == 80)
        // Case-insensitive.
        #expect(catalog.lookup(provider: nil, model: "GPT-4O")?.id == "gpt-4o")
        // Unknown stays unknown: never a guess, never free.
        #expect(catalog.lookup(provider: nil, model: "my-finetune") == nil)
        #expect(catalog.lookup(provider: "openai", model: "gpt-9") == nil)
    }

    @Test func providerHintPicksThatProvidersEntry() throws {
        let catalog = try PriceCatalog(pricesTakenOn: "2025-01-02", source: "test", entries: [
            PriceEntry(id: "open/model-x", provider: "alpha", input: 1, output: 2, contextWindow: 1000),
            PriceEntry(id: "model-x", provider: "beta", input: 3, output: 4, contextWindow: 2000),
        ])
        // Without a hint the first matching form wins; with one, that provider's entry wins even at a later step.
        #expect(catalog.lookup(provider: nil, model: "open/model-x")?.provider == "alpha")
        #expect(catalog.lookup(provider: "beta-eu", model: "open/model-x")?.provider == "beta")
        #expect(catalog.lookup(provider: "gamma", model: "model-x")?.provider == "beta")
    }

    @Test func invalidCatalogsAreRejectedWithAReason() {
        func reason(_ json: String) -> String? {
            do {
                _ = try PriceCatalog(json: Data(json.utf8))
                return nil
            } catch let error as PriceCatalogError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        let entry = #"{"id": "m", "provider": "p", "input": 1, "output": 2, "contextWindow": 10}"#
        #expect(reason(#"{"pricesTakenOn": "2025-02-30", "models": [\#(entry)]}"#)?.contains("pricesTakenOn") == true)
        #expect(reason(#"{"pricesTakenOn": "2025-02-03", "models": [\#(entry), \#(entry)]}"#)?.contains("duplicate") == true)
        let negative = entry.replacingOccurrences(of: #""input": 1"#, with: #""input": -1"#)
        #expect(reason(#"{"pricesTakenOn": "2025-02-03", "models": [\#(negative)]}"#)?.contains("input") == true)
        #expect(reason(#"{"pricesTakenOn": "2025-02-03", "models": [{"id": "m"}]}"#)?.contains("malformed") == true)
        #expect(reason(#"{"pricesTakenOn": "2025-02-03", "models": [\#(entry)]}"#) == nil)
    }
}
