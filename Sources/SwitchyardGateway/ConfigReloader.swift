import Foundation
import Logging
import SwitchyardConfig
import SwitchyardCore
import Synchronization

/// Re-reads a running gateway's config file (SIGHUP, `ctl reload`): the whole file is validated as `check-config`
/// would, then models, providers, deployments, prices, task routing, timeouts, provider keys (environment and
/// key files read again) and the file's teams and budgets are swapped in. Requests in flight finish where they
/// were routed. A file with errors, or one changing what only a restart applies, is refused and nothing changes.
public final class ConfigReloader: Sendable {
    /// The file reloaded.
    public let path: String
    private let server: GatewayServer
    private let environment: @Sendable () -> [String: String]
    private let clock: @Sendable () -> Double
    private let logger: Logger
    /// The file's config in force (before command-line overrides such as `--listen`); one reload at a time.
    private let current: Mutex<GatewayConfig>
    /// Told of every applied config, for what lives outside the gateway (the trace exporter's provider names).
    private let onApplied: @Sendable (GatewayConfig) -> Void

    /// A reloader for `server`, started from `loaded` (the file as read at start, before flag overrides).
    public init(
        path: String, loaded: GatewayConfig, server: GatewayServer,
        environment: @escaping @Sendable () -> [String: String] = { ProcessInfo.processInfo.environment },
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        logger: Logger = Logger(label: "switchyard.events"),
        onApplied: @escaping @Sendable (GatewayConfig) -> Void = { _ in }
    ) {
        self.onApplied = onApplied
        self.path = path
        self.server = server
        self.environment = environment
        self.clock = clock
        self.logger = logger
        current = Mutex(loaded)
    }

    /// Reloads the file on behalf of `actor` ("signal", "ctl:alice"); logs and audits the outcome.
    public func reload(actor: String) -> ReloadOutcome {
        let outcome = current.withLock { running in apply(over: &running, actor: actor) }
        var metadata: Logger.Metadata = ["event": "reload", "actor": .string(actor), "file": .string(path)]
        if outcome.applied {
            logger.notice("reloaded \(path): \(outcome.summary)", metadata: metadata)
            for warning in outcome.warnings { logger.warning("reload: \(warning)", metadata: metadata) }
        } else {
            logger.error("reload of \(path) refused, the running configuration stays: \(outcome.problems.joined(separator: "; "))",
                         metadata: metadata)
        }
        return outcome
    }

    private func apply(over running: inout GatewayConfig, actor: String) -> ReloadOutcome {
        let environment = environment()
        let next: GatewayConfig
        var warnings: [String]
        do {
            let loaded = try ConfigLoader.load(path: path, environment: environment)
            next = loaded.config
            warnings = loaded.warnings.map(\.description)
        } catch let errors as ConfigErrors {
            return .refused(errors.issues.filter { $0.severity == .error }.map(\.description))
        } catch {
            return .refused(["\(path): \(error)"])
        }
        let fixed = Self.restartOnlyChanges(from: running, to: next, file: path)
        guard fixed.isEmpty else { return .refused(fixed) }
        let problems = next.catalog.validationErrors()
        guard problems.isEmpty else { return .refused(problems.map { "\(path): error: \($0)" }) }
        // Everything that can fail before anything changes: upstream routes (proxies, CA bundles), then governance,
        // which applies all or nothing.
        let upstreams: UpstreamRoutes
        do {
            upstreams = try server.prepareUpstreams(config: next, environment: environment)
            try server.governance?.reload(config: next, now: clock())
        } catch {
            return .refused(["\(path): error: \(error)"])
        }
        warnings += upstreams.keyProblems.map { "\(path): warning: \($0)" }
        // Endpoints before routes: a request routed to a new deployment finds its endpoint; dropped ones keep theirs.
        let renewed = server.installUpstreams(upstreams)
        let change: CatalogChange
        do {
            change = try server.engine.reload(next.catalog, actor: actor,
                                              alsoChanged: Self.governanceChanges(from: running, to: next),
                                              renewedProviders: renewed)
        } catch {
            return .refused(["\(path): error: \(error)"])
        }
        running = next
        onApplied(next)
        return ReloadOutcome(applied: true, summary: change.summary, problems: [], warnings: warnings)
    }

    /// The file's teams and budgets that were added, removed or changed, in the audit's words.
    static func governanceChanges(from old: GatewayConfig, to new: GatewayConfig) -> [String] {
        func names<T: Equatable>(_ a: [T], _ b: [T], _ name: (T) -> String) -> [String] {
            let diff = CatalogChange.diff(a, b, name: name)
            return diff.added.map { "+\($0)" } + diff.removed.map { "-\($0)" } + diff.changed.map { "~\($0)" }
        }
        var lines: [String] = []
        let teams = names(old.teams, new.teams, \.name)
        if !teams.isEmpty { lines.append("teams " + teams.joined(separator: " ")) }
        let budgets = names(old.budgets, new.budgets) { "\($0.scope.label) \($0.period.rawValue)" }
        if !budgets.isEmpty { lines.append("budgets " + budgets.joined(separator: ", ")) }
        return lines
    }

    /// What differs between two configs in sections only a restart applies, one message per section with its
    /// line in the new file.
    static func restartOnlyChanges(from old: GatewayConfig, to new: GatewayConfig, file: String) -> [String] {
        var changed: [(field: String, what: String)] = []
        if old.listen != new.listen { changed.append(("listen", "the listen address")) }
        if old.maxBodyBytes != new.maxBodyBytes || old.clientLimits != new.clientLimits {
            changed.append(("limits", "client connection limits"))
        }
        if old.policy != new.policy { changed.append(("governance", "the governance policy (auth, time zone, default max tokens)")) }
        if old.tracing != new.tracing { changed.append(("tracing", "tracing")) }
        if old.responses != new.responses { changed.append(("responses", "stored responses")) }
        if old.state != new.state { changed.append(("state", "where shared state lives")) }
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return changed.map { field, what in
            let line = Self.line(ofTopLevelKey: field, in: text)
            let location = line.map { "\(file):\($0):1" } ?? file
            return "\(location): error: \(field): \(what) cannot change while the gateway runs; restart it to apply"
        }
    }

    /// The 1-based line where `key:` starts a top-level mapping entry, if the text has one.
    static func line(ofTopLevelKey key: String, in text: String) -> Int? {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.hasPrefix(key) else { continue }
            let rest = line.dropFirst(key.count).drop { $0 == " " }
            if rest.hasPrefix(":") { return i + 1 }
        }
        return nil
    }
}
