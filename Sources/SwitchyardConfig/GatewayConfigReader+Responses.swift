import Foundation
import SwitchyardCore
import Yams

/// The `responses:` section.
extension GatewayConfigReader {
    static func readResponses(_ node: Node, walker w: inout YAMLWalker) -> ResponsesConfig {
        var responses = ResponsesConfig()
        guard let map = w.mapping(node, "responses", allowed: ["store", "retention"]) else { return responses }
        if let n = map["store"], let value = w.boolean(n, "responses.store") { responses.store = value }
        if let n = map["retention"], let text = w.string(n, "responses.retention") {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let seconds = DurationText.seconds(trimmed), seconds > 0, seconds <= ResponsesConfig.maxRetention {
                responses.retention = seconds
            } else {
                w.error(n, "responses.retention", "expected a positive duration of at most 3650d, like 30d or 12h, got '\(trimmed)'")
            }
        }
        return responses
    }
}
