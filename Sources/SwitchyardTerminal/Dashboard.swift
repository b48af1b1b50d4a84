import Dispatch
import Foundation
import SwitchyardCore
import SwitchyardTUI

/// How the dashboard runs.
public struct DashboardOptions: Sendable {
    /// Frames (and snapshots) per second.
    public var fps: Int = 4
    /// `--theme NAME|PATH`; nil for the default (or mono under NO_COLOR).
    public var themeName: String? = nil
    /// Who commands are sent as, e.g. "tui:alice".
    public var actor: String = "tui"
    /// Ask y/n before quitting (serve mode, where quitting stops the gateway).
    public var confirmQuit: Bool = false
    /// Report clicks and the wheel to the dashboard (`--no-mouse` leaves the mouse to the terminal, for selecting
    /// text).
    public var mouse: Bool = true
    /// The preferences file (the Requests pane's columns); nil keeps preferences for this run only.
    public var preferencesPath: String? = nil
    /// Shown in the status line from the first frame: something the operator must know at once (another
    /// gateway holds the control socket, say).
    public var notice: String? = nil

    /// Defaults: 4 fps, default theme, actor "tui", quit at once, mouse on.
    public init() {}
}

/// The terminal operations console.
public enum Dashboard {
    private enum Event: Sendable {
        case action(Action)
        case key(Key)
        case mouse(MouseEvent)
        case signal
    }

    /// Runs until `q` (or SIGINT/SIGTERM); the terminal is restored on every exit path.
    public static func run(feed: any GatewayFeed, options: DashboardOptions) async throws {
        let environment = ProcessInfo.processInfo.environment
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let theme: Theme
        do { theme = try ThemeCatalog.resolve(options.themeName, environment: environment) } catch {
            throw DashboardError.badTheme(error.description)
        }
        setlocale(LC_ALL, "")
        let glyphs = Glyphs.forLocale(setlocale(LC_CTYPE, nil).map { String(cString: $0) })
        let terminal = try NcursesTerminal(theme: theme, mouse: options.mouse)
        defer { terminal.close() }

        let (events, continuation) = AsyncStream<Event>.makeStream()
        let signals = installSignalHandlers { continuation.yield(.signal) }
        defer {
            signals.forEach { $0.cancel() }
            // Give the signals back to the host process (e.g. so Ctrl-C works during shutdown).
            for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, SIG_DFL) }
        }
        let fps = max(1, min(30, options.fps))
        let frame = Duration.milliseconds(1000 / fps)

        let snapshots = Task {
            do {
                for try await snapshot in feed.snapshots(every: frame) { continuation.yield(.action(.snapshot(snapshot))) }
            } catch {
                continuation.yield(.action(.feedError(String(describing: error))))
            }
        }
        let connection = Task {
            for await state in feed.connectionStates() { continuation.yield(.action(.connection(state))) }
        }
        let keys = InputReader(terminal: terminal) { input in
            switch input {
            case .key(let key): continuation.yield(.key(key))
            case .mouse(let event): continuation.yield(.mouse(event))
            }
        }
        let started = ContinuousClock.now
        let ticks = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: frame)
                let elapsed = ContinuousClock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                continuation.yield(.action(.tick(seconds)))
            }
        }
        defer {
            snapshots.cancel()
            connection.cancel()
            keys.stop()
            ticks.cancel()
        }

        let size = terminal.size
        var state = DashboardState(width: size.width, height: size.height)
        state.confirmQuit = options.confirmQuit
        state.noColor = noColor
        state.utcOffset = TimeZone.current.secondsFromGMT()
        state.themeIndex = ThemeCatalog.builtinNames.firstIndex(of: theme.name) ?? 0
        let preferences = options.preferencesPath.map(PreferencesFile.init(path:))
        if let stored = preferences?.load() { state.requestColumns = stored.columns }
        if let notice = options.notice {
            state.statusMessage = notice
            state.statusIsError = true
        }
        terminal.draw(Renderer.render(state, glyphs: glyphs))
        let clock = ContinuousClock()
        var lastFrame = clock.now
        var dirty = false

        loop: for await event in events {
            var drawNow = false
            let action: Action
            switch event {
            case .signal: break loop
            case .key(.resize):
                let size = terminal.size
                terminal.invalidate()
                action = .resize(width: size.width, height: size.height)
                drawNow = true
            case .key(let key):
                action = .key(key)
                drawNow = true
            case .mouse(let event):
                action = .mouse(event)
                drawNow = true
            case .action(let a):
                action = a
            }
            let (next, effects) = Reducer.reduce(state, action)
            let statusChanged = next.statusMessage != state.statusMessage
            state = next
            // A tick redraws only when it changed something (a status message that expired).
            if case .tick = action {
                if statusChanged { dirty = true }
            } else {
                dirty = true
            }
            for effect in effects {
                switch effect {
                case .quit: break loop
                case .send(let command):
                    Task {
                        do {
                            let result = try await feed.send(command, actor: options.actor)
                            continuation.yield(.action(.commandResult(result)))
                        } catch {
                            continuation.yield(.action(.commandResult(
                                CommandResult(ok: false, message: "\(command.summary) failed: \(error)"))))
                        }
                    }
                case .loadTrace(let id):
                    Task {
                        do {
                            let trace = try await feed.trace(id: id)
                            continuation.yield(.action(.traceLoaded(id, trace)))
                        } catch {
                            continuation.yield(.action(.traceFailed(id, String(describing: error))))
                        }
                    }
                case .copy(let text):
                    terminal.write(Clipboard.osc52(text))
                case .watch(let replica):
                    feed.watch(replica: replica)
                case .savePreferences(let stored):
                    do { try preferences?.save(stored) } catch {
                        continuation.yield(.action(.commandResult(
                            CommandResult(ok: false, message: "cannot store preferences in \(options.preferencesPath ?? ""): \(error)"))))
                    }
                case .setTheme(let index):
                    // NO_COLOR is a user's standing request: keep mono whatever `t` asks for.
                    let names = ThemeCatalog.builtinNames
                    if !noColor, let next = ThemeCatalog.builtin(names[index % names.count]) { terminal.setTheme(next) }
                }
            }
            // At most `fps` frames a second, except right after a key.
            if dirty, drawNow || clock.now - lastFrame >= frame {
                terminal.draw(Renderer.render(state, glyphs: glyphs))
                lastFrame = clock.now
                dirty = false
            }
        }
    }

    private static func installSignalHandlers(_ handler: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }
}
