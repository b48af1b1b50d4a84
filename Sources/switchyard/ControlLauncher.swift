import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SwitchyardControl
import SwitchyardCore
import SwitchyardGateway

/// A gateway's control plane next to its engine, as a service of the process's `ServiceGroup`: it serves the
/// control socket until the group shuts down, then removes the socket file.
final class ControlLauncher: Service {
    /// The plane; nil when the default socket belonged to another gateway (see `start`).
    let plane: ControlPlane?
    /// Why there is no plane, for a dashboard to show from its first frame (its terminal hides stderr).
    let notice: String?
    private let logger: Logger
    private let announce: Bool

    /// Refuses early, before anything needing an orderly shutdown exists: exits with status 1 and the reason
    /// when an explicitly chosen socket is taken by another gateway, or the state directory cannot be created.
    static func preflight(flags: ControlFlags, demo: Bool) throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            guard try socketInUse(flags, environment: environment) == nil else { return }
            _ = try ControlStore(directory: StateDirectory.resolve(flags.stateDir, environment: environment, demo: demo))
        } catch {
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
    }

    /// Restores stored overrides and audit into `engine` and makes the plane its `run` serves. An explicitly chosen socket another gateway answers on, or an unusable state directory, ends the
    /// command with status 1. When the *default* socket is taken, the gateway runs without a control socket
    /// (and without stored state, which belongs to the other gateway) and says so: a second gateway on the
    /// same machine must not be kept from serving traffic by the first one's console.
    static func start(
        engine: GatewayEngine, governance: GovernanceService?, reloader: ConfigReloader? = nil, info: GatewayInfo,
        flags: ControlFlags, demo: Bool, announce: Bool, shared: (any OverrideStore)? = nil
    ) throws -> ControlLauncher {
        let environment = ProcessInfo.processInfo.environment
        let socketPath = ControlSocketPath.resolve(flags.controlSocket, environment: environment)
        let stateDirectory = StateDirectory.resolve(flags.stateDir, environment: environment, demo: demo)
        var logger = Logger(label: "switchyard.control")
        // The demo's dashboard owns the terminal: only what must not be missed.
        if !announce { logger.logLevel = .critical }
        let plane: ControlPlane
        do {
            if let inUse = try socketInUse(flags, environment: environment) {
                let why = "running without a control socket: \(inUse)"
                if announce { Console.error("switchyard: warning: \(why)") }
                return ControlLauncher(plane: nil, notice: why, logger: logger, announce: announce)
            }
            plane = try ControlPlane(
                engine: engine, governance: governance, reloader: reloader, info: info, socketPath: socketPath,
                stateDirectory: stateDirectory, shared: shared, logger: logger)
        } catch {
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
        if announce {
            for warning in plane.warnings { Console.error("switchyard: warning: \(warning)") }
        }
        return ControlLauncher(plane: plane, notice: nil, logger: logger, announce: announce)
    }

    /// Why the default socket cannot be served (another gateway answers on it); nil when it is free. Throws for an
    /// explicit socket in use and for other problems.
    private static func socketInUse(_ flags: ControlFlags, environment: [String: String]) throws -> ControlSocketError? {
        let path = ControlSocketPath.resolve(flags.controlSocket, environment: environment)
        do {
            try ControlServer.prepare(path: path)
            return nil
        } catch let error as ControlSocketError {
            guard case .inUse = error, flags.controlSocket == nil else { throw error }
            return error
        }
    }

    private init(plane: ControlPlane?, notice: String?, logger: Logger, announce: Bool) {
        self.plane = plane
        self.notice = notice
        self.logger = logger
        self.announce = announce
    }

    /// Records where the HTTP ingress listens, for snapshots.
    func update(info: GatewayInfo) { plane?.update(info: info) }

    /// Serves the control socket until the group shuts down (without a plane, just waits for that); the server
    /// removes its socket file as it stops. A control socket that fails is logged; the gateway keeps serving traffic
    /// without it.
    func run() async throws {
        guard let plane else {
            try? await gracefulShutdown()
            return
        }
        let (logger, announce) = (logger, announce)
        do {
            // The server follows the group's graceful shutdown itself: open feeds end, then it closes.
            try await plane.run(logger: logger) { path in
                if announce { Console.error("switchyard: control socket at \(path)") }
            }
        } catch is CancellationError {
        } catch {
            logger.critical("control socket stopped: \(error)")
        }
    }
}
