import Foundation
import SwitchyardCore

/// Per-deployment price lines for `switchyard check-config`.
extension GatewayConfig {
    /// One line per deployment: id, upstream model, where its price came from and $/1M in/out (cached when
    /// known); unpriced deployments are flagged as unknown cost rather than shown as free.
    public func priceReport() -> [String] {
        let idWidth = deployments.map(\.id.count).max() ?? 0
        let modelWidth = deployments.map(\.upstreamModel.count).max() ?? 0
        return deployments.map { d in
            let source = priceSources[d.id] ?? (unpricedDeployments.contains(d.id) ? .unknown : .config)
            let head = "\(pad(d.id, idWidth))  \(pad(d.upstreamModel, modelWidth))  \(pad(source.rawValue, 7))"
            guard source != .unknown else { return "\(head)  UNKNOWN COST: no price configured and none in the catalog" }
            let p = d.price
            let cached = p.cachedInputPerMTok.map { ", cached \(dollars($0))" } ?? ""
            return "\(head)  \(dollars(p.inputPerMTok)) in / \(dollars(p.outputPerMTok)) out per 1M\(cached)"
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Cents where they are exact, more digits where list prices have them ($0.075): a price is never rounded.
    private func dollars(_ value: Double) -> String {
        for digits in 2...6 {
            let text = String(format: "%.\(digits)f", value)
            if abs((Double(text) ?? value) - value) < 1e-12 { return "$" + text }
        }
        return "$\(value)"
    }
}
