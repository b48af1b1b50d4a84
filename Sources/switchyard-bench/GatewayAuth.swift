import ArgumentParser
import Foundation

/// How the benchmarked gateway authenticates callers. A real deployment uses virtual keys, so that is what the
/// suites measure by default.
enum GatewayAuth: String, ExpressibleByArgument, CaseIterable, Codable {
    /// `governance: { auth: open }`: requests are admitted without a key.
    case open
    /// `governance: { auth: keys }` and a key from `switchyard ctl keys create`, sent as a bearer token.
    case keys

    /// The mode the suites use unless `--auth` says otherwise: keys, so the gateway pays for key checks (SHA-256,
    /// admission, ledger) as in production.
    static let suiteDefault: GatewayAuth = .keys

    /// The YAML line to add to the gateway configuration.
    var configLine: String {
        switch self {
        case .open: "governance: { auth: open }"
        case .keys: "governance: { auth: keys }"
        }
    }

    /// A bearer token for the benchmark's requests: a new virtual key in `.keys` mode, otherwise none.
    func token(switchyard: String, socket: String) throws -> String? {
        guard self == .keys else { return nil }
        let outcome = try ChildProcess.run([switchyard, "ctl", "keys", "create", "--name", "bench", "--socket", socket])
        let regex = try NSRegularExpression(pattern: "sk-sy-[A-Za-z0-9]+")
        let text = outcome.output
        guard outcome.status == 0, let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range, in: text) else {
            throw BenchError("could not create a virtual key (switchyard ctl keys create, status \(outcome.status)):\n\(text)")
        }
        return String(text[range])
    }
}
