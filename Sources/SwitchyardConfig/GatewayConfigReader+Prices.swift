import SwitchyardCore
import Yams

/// The `prices:` section and a deployment's own `price:`.
extension GatewayConfigReader {
    /// `prices: { <upstream model id>: { input, output, cached_input?, context_window? } }`.
    static func readPrices(_ node: Node, walker w: inout YAMLWalker) -> [String: PriceOverride] {
        guard case .mapping(let mapping) = node else {
            w.error(node, "prices", "expected a mapping of upstream model id to { input, output, cached_input }")
            return [:]
        }
        var result: [String: PriceOverride] = [:]
        for (keyNode, value) in mapping {
            guard let id = w.string(keyNode, "prices") else { continue }
            let path = "prices.\(id)"
            guard let price = readPrice(value, path, extra: ["context_window"], walker: &w) else { continue }
            var contextWindow: Int?
            if case .mapping(let fields) = value, let n = fields["context_window"] {
                contextWindow = w.integer(n, w.join(path, "context_window"), minimum: 1, maximum: InputBounds.tokens.upperBound)
            }
            result[id] = PriceOverride(price: price, contextWindow: contextWindow)
        }
        return result
    }

    /// `{ input, output, cached_input? }` in dollars per 1M tokens; nil (with errors recorded) when incomplete.
    static func readPrice(_ node: Node, _ path: String, extra: [String] = [], walker w: inout YAMLWalker) -> Price? {
        guard let p = w.mapping(node, path, allowed: ["input", "output", "cached_input"] + extra) else { return nil }
        let ceiling = InputBounds.pricePerMillionTokens.upperBound
        let input = p["input"].flatMap { w.number($0, w.join(path, "input"), minimum: 0, maximum: ceiling) }
        let output = p["output"].flatMap { w.number($0, w.join(path, "output"), minimum: 0, maximum: ceiling) }
        let cached = p["cached_input"].flatMap { w.number($0, w.join(path, "cached_input"), minimum: 0, maximum: ceiling) }
        if p["input"] == nil { w.error(node, w.join(path, "input"), "missing: dollars per 1M input tokens") }
        if p["output"] == nil { w.error(node, w.join(path, "output"), "missing: dollars per 1M output tokens") }
        if p["cached_input"] != nil, cached == nil { return nil }
        guard let input, let output else { return nil }
        return Price(inputPerMTok: input, outputPerMTok: output, cachedInputPerMTok: cached)
    }
}
