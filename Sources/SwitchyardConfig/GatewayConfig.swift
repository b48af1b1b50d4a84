import Foundation
import SwitchyardCore

/// Connect, time-to-first-token, whole-answer and total timeouts in seconds; nil means "inherit".
public struct Timeouts: Sendable, Hashable {
    public var connect: Double?
    /// Streams: time to the first content.
    public var firstToken: Double?
    /// JSON answers: time to the whole answer. Shorter than `total` so that a hung upstream falls back in
    /// bounded time, while a long valid answer is not cut at its head the way a response-head timeout would.
    public var response: Double?
    /// Anything: time to the end of the call, stream or not.
    public var total: Double?

    public init(connect: Double? = nil, firstToken: Double? = nil, response: Double? = nil, total: Double? = nil) {
        self.connect = connect
        self.firstToken = firstToken
        self.response = response
        self.total = total
    }

    /// The gateway's defaults when the config says nothing.
    public static let defaults = Timeouts(connect: 5, firstToken: 60, response: 120, total: 600)

    /// These values where set, the fallback's elsewhere.
    public func over(_ fallback: Timeouts) -> Timeouts {
        Timeouts(
            connect: connect ?? fallback.connect,
            firstToken: firstToken ?? fallback.firstToken,
            response: response ?? fallback.response,
            total: total ?? fallback.total
        )
    }
}

/// Where the HTTP ingress listens.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var description: String { "\(host):\(port)" }

    /// Parses `host:port` (`:port` means 127.0.0.1); nil when it isn't that shape or the port is out of range.
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port) else { return nil }
        let host = String(text[..<colon])
        self.init(host: host.isEmpty ? "127.0.0.1" : host, port: port)
    }
}

/// A provider with its timeouts and how its connections leave the gateway.
public struct ProviderConfig: Sendable, Hashable {
    public var spec: ProviderSpec
    public var timeouts: Timeouts
    /// `proxy:`; nil follows the environment's proxy variables.
    public var proxy: ProviderProxy? = nil
    /// `tls.ca_file`: the only roots its https upstream is verified against; nil for the gateway's.
    public var caFile: String? = nil
}

/// A model group with its timeouts.
public struct ModelConfig: Sendable, Hashable {
    public var spec: ModelGroupSpec
    public var timeouts: Timeouts
}

/// A validated gateway configuration.
public struct GatewayConfig: Sendable, Hashable {
    public var listen: ListenAddress
    /// Request bodies above this size are refused with 413.
    public var maxBodyBytes: Int
    /// Connection cap and client timeouts of the HTTP ingress.
    public var clientLimits = ClientLimits()
    public var timeouts: Timeouts
    public var providers: [ProviderConfig]
    public var models: [ModelConfig]
    public var deployments: [DeploymentSpec]
    public var budgets: [BudgetSpec]
    /// Deployment ids configured without a price: their cost is unknown, not zero.
    public var unpricedDeployments: [String]
    /// Gateway-wide governance settings (`governance:`).
    public var policy: GovernancePolicy = GovernancePolicy()
    /// Teams declared in the file (`teams:`); more may be created at runtime.
    public var teams: [TeamSpec] = []
    /// Prices from the `prices:` section, keyed by upstream model id.
    public var priceOverrides: [String: Price] = [:]
    /// What is kept of each request's trace (`tracing:`).
    public var tracing: TracingConfig = TracingConfig()
    /// Whether Responses API answers are kept for `previous_response_id` (`responses:`).
    public var responses = ResponsesConfig()
    /// Where shared state lives (`state:`).
    public var state = StateConfig()
    /// Task-routed models, the teams' task maps, the rules and the long-context threshold.
    public var taskRouting = TaskRoutingSpec()
    /// Where each deployment's price came from, by deployment id.
    public var priceSources: [String: PriceSource] = [:]
    /// The date of the built-in catalog's prices; nil when it could not be loaded.
    public var catalogPricesTakenOn: String?
    /// Top-level `tls.ca_file`: the roots https upstreams are verified against unless their provider names its
    /// own; nil for `SSL_CERT_FILE` or else the system's.
    public var caFile: String?

    /// The routing catalog the engine runs on.
    public var catalog: Catalog {
        Catalog(providers: providers.map(\.spec), deployments: deployments, models: models.map(\.spec),
                taskRouting: taskRouting)
    }

    /// Effective timeouts of a deployment: model group over provider over gateway defaults.
    public func timeouts(for deployment: DeploymentSpec) -> Timeouts {
        let provider = providers.first { $0.spec.name == deployment.provider }?.timeouts ?? Timeouts()
        let model = models.first { $0.spec.name == deployment.model }?.timeouts ?? Timeouts()
        return model.over(provider).over(timeouts).over(.defaults)
    }

    /// Every provider's API key from its `api_key_env` variable or its `api_key_file`, and a warning for each
    /// key that is configured but cannot be had (its provider is then called without one). Files are read now:
    /// a rotated key is picked up by reading them again.
    public func providerKeys(
        environment: [String: String], readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) -> (keys: [String: String], problems: [String]) {
        var keys: [String: String] = [:]
        var problems: [String] = []
        for provider in providers {
            let spec = provider.spec
            if let name = spec.apiKeyEnv {
                if let value = environment[name], !value.isEmpty {
                    keys[spec.name] = value
                } else {
                    problems.append("environment variable \(name) is not set; provider \(spec.name) will be called without a key")
                }
            } else if let file = spec.apiKeyFile {
                do {
                    // A secret file usually ends in a newline; the key is the text without surrounding space.
                    let value = try readFile(file).trimmingCharacters(in: .whitespacesAndNewlines)
                    if value.isEmpty {
                        problems.append("api_key_file \(file) of provider \(spec.name) is empty; it will be called without a key")
                    } else {
                        keys[spec.name] = value
                    }
                } catch {
                    problems.append("cannot read api_key_file \(file) of provider \(spec.name) (\(Self.reason(error))); it will be called without a key")
                }
            }
        }
        return (keys, problems)
    }

    /// Why a file could not be read, in the system's words ("No such file or directory").
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return ns.localizedDescription
    }
}
