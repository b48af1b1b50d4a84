import SwitchyardCore

/// Everything that can change the dashboard's state.
public enum Action: Sendable {
    case key(Key)
    /// A click, double-click or wheel notch at a cell (see `Reducer.mouse`).
    case mouse(MouseEvent)
    case snapshot(GatewaySnapshot)
    case resize(width: Int, height: Int)
    case commandResult(CommandResult)
    /// The feed failed; shown in the status line.
    case feedError(String)
    /// The feed attached to, lost or is retrying its gateway; shown in the header.
    case connection(FeedConnection)
    /// Time passes: seconds on a monotonic clock (status messages expire by it).
    case tick(Double)
    /// The gateway's trace of a request (nil: it has none), answering `Effect.loadTrace`.
    case traceLoaded(String, RequestTrace?)
    /// Fetching a request's trace failed, with why.
    case traceFailed(String, String)
}

/// Work the reducer asks the runtime to do.
public enum Effect: Sendable, Hashable {
    /// Send a command to the gateway.
    case send(ControlCommand)
    case quit
    /// Switch to the theme at this index of `ThemeCatalog.builtinNames`.
    case setTheme(Int)
    /// Fetch the trace of the request with this id (`GatewayFeed.trace(id:)`), answered by `Action.traceLoaded`
    /// or `Action.traceFailed`.
    case loadTrace(String)
    /// Store these preferences for the next start (the column picker changed them).
    case savePreferences(DashboardPreferences)
    /// Put this text on the system clipboard (the terminal writes an OSC 52 sequence: `Clipboard.osc52`).
    case copy(String)
    /// Show this replica of a fleet alone, or the whole fleet again for nil (`GatewayFeed.watch(replica:)`).
    case watch(replica: String?)
}
