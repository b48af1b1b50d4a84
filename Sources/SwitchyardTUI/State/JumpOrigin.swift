/// What the dashboard showed before Enter on a Latency, Errors or Fallbacks row filtered the Requests list: Esc
/// there puts it back, so looking at a row's requests is a round trip.
public struct JumpOrigin: Sendable, Hashable {
    /// The filter the jump set. Once the operator changes it, the filter is theirs and Esc only clears it.
    public var filter: String
    /// The filter text before the jump.
    public var previousFilter: String
    /// The pane focused before the jump.
    public var focus: Pane
    /// The selection of every pane before the jump.
    public var selection: [Pane: Int]

    /// An origin for a jump that set `filter` over `state`.
    init(filter: String, leaving state: DashboardState) {
        self.filter = filter
        previousFilter = state.filter
        focus = state.focus
        selection = state.selection
    }
}
