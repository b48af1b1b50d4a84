import SwitchyardCore

/// Everything the dashboard shows, as a value: the renderer draws it, the reducer changes it.
public struct DashboardState: Sendable {
    /// The snapshot on screen.
    public var snapshot: GatewaySnapshot?
    /// A snapshot that arrived while paused, applied on resume.
    public var heldSnapshot: GatewaySnapshot?
    /// The pane keys act on.
    public var focus: Pane = .providers
    /// Selected row per pane.
    public var selection: [Pane: Int] = [:]
    /// Detail views opened with Enter, innermost last.
    public var drillStack: [Drill] = []
    /// Selected row inside the innermost detail view (the selected span of a request's waterfall).
    public var drillSelection = 0
    /// The request open in the inspector (Enter on a request): its trace as far as it has arrived.
    public var inspector: TraceInspector?
    /// Whether the Requests list follows the newest request; moving the selection stops following.
    public var followRequests = true
    /// While not following: the selected request, kept selected by id as new requests arrive.
    public var pinnedRequestID: String?
    /// The pinned request itself, so it stays listed (and selected) after the recent ring has moved past it.
    public var keptRequest: RequestRecord?
    /// While not following: when the newest listed request had finished as following stopped (epoch seconds);
    /// requests finished later count as new in the pane title.
    public var pausedAfter: Double?
    /// How each table pane is sorted (`s`, `S`); a pane without an entry keeps the snapshot's order.
    public var sort: [Pane: SortOrder] = [:]
    /// The columns the Requests pane shows (`c` picks them; zoomed, it adds `RequestColumn.zoomExtras`).
    public var requestColumns = RequestColumn.defaults
    /// The row of the column picker the cursor is on (an index into `RequestColumn.allCases`).
    public var columnCursor = 0
    /// Whether the focused pane fills the screen (`z`).
    public var zoomed = false
    /// Whether incoming snapshots are held.
    public var paused = false
    /// The filter expression as typed (see `RequestFilter`); setting it parses it. A valid expression becomes
    /// `activeFilter`; an invalid one sets `filterError` and leaves the last valid filter applied.
    public var filter: String {
        get { filterText }
        set {
            filterText = newValue
            do {
                activeFilter = try RequestFilter(parsing: newValue)
                filterError = nil
            } catch {
                filterError = error
                // The bad term is usually the one being typed, and its first letters parsed as a bare word: that
                // word is not what the operator meant to filter by, so it does not stay applied.
                if let last = activeFilter.terms.last, case .word(let word) = last.positive,
                   error.term.drop(while: { $0 == "!" || $0 == "-" }).hasPrefix(word) {
                    activeFilter.terms.removeLast()
                }
            }
        }
    }
    /// The text behind `filter`.
    public private(set) var filterText = ""
    /// The last valid filter (less a trailing word that began the bad term, while there is one): requests must match it; its bare words filter provider, model and event rows.
    public private(set) var activeFilter = RequestFilter()
    /// Why `filter` does not parse, while it does not.
    public private(set) var filterError: RequestFilterError?
    /// Whether keys are typing into the filter.
    public var editingFilter = false
    /// The `:` command line, while open.
    public var prompt: CommandPrompt?
    /// Command lines run since the dashboard started, oldest first (Up/Down in the prompt).
    public var commandHistory: [String] = []
    /// Index into `ThemeCatalog.builtinNames` of the theme in use.
    public var themeIndex = 0
    /// What is drawn over the panes.
    public var overlay: Overlay = .none
    /// The first key the help overlay shows (it scrolls on short screens).
    public var helpScroll = 0
    /// The help overlay's search (`/` in help).
    public var helpSearch = HelpSearch()
    /// Where Enter on a Latency, Errors or Fallbacks row came from, while its filter is applied (Esc goes back).
    public var jumpOrigin: JumpOrigin?
    /// Last command result or hint for the status line.
    public var statusMessage: String?
    /// Whether the status message reports a failure.
    public var statusIsError = false
    /// When the status message appeared (the clock of the latest tick); it gives way to the key hints after
    /// `DashboardState.statusSeconds`.
    public var statusShownAt: Double?
    /// The latest tick's clock, in seconds.
    public var clock: Double = 0
    /// NO_COLOR is set: the screen stays monochrome, and `t` says so instead of naming a theme it cannot show.
    public var noColor = false
    /// Terminal columns.
    public var width: Int
    /// Terminal rows.
    public var height: Int
    /// Ask before quitting (serve mode).
    public var confirmQuit = false
    /// Seconds east of UTC for clock times shown.
    public var utcOffset = 0
    /// Whether the feed is attached to its gateway; nil until it says.
    public var connection: FeedConnection?
    /// In a fleet view: the replica looked at alone (Enter on it), nil for the whole fleet.
    public var watching: String?

    /// A state for a terminal of `width` × `height`.
    /// How long a status message stays before the hints return.
    public static let statusSeconds = 5.0

    public init(width: Int = 80, height: Int = 24, snapshot: GatewaySnapshot? = nil) {
        self.width = width
        self.height = height
        self.snapshot = snapshot
    }

    /// The selected row of `pane`.
    public func selected(_ pane: Pane) -> Int { selection[pane] ?? 0 }

    /// The innermost detail view, if any.
    public var drill: Drill? { drillStack.last }

    /// What each pane lists now: the snapshot's rows under the filter, with the pinned request kept.
    public var rows: PaneRows {
        PaneRows(snapshot, filter: activeFilter, kept: followRequests ? nil : keptRequest, sort: sort)
    }

    /// Whether the snapshot on screen is a fleet's (it has a Replicas pane).
    public var isFleet: Bool { snapshot?.fleet != nil }

    /// Whether `pane` is on screen to be focused: the Replicas pane only in a fleet view.
    public func shows(_ pane: Pane) -> Bool { pane != .replicas || isFleet }

    /// The highest pane number keys focus (`1`…).
    public var paneKeys: Int { isFleet ? Pane.allCases.count : Pane.allCases.count - 1 }

    /// Whether the snapshot on screen is the last one before the feed lost its gateway.
    public var isStale: Bool {
        guard snapshot != nil, let connection else { return false }
        return !connection.isAttached
    }
}
