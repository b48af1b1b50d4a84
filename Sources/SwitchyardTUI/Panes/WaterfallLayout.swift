import SwitchyardCore

/// Where the waterfall's parts go inside the detail view: the summary on top, the span table, and the selected
/// span's details under it (or, zoomed, the details alone). The reducer uses it too, to bound scrolling.
struct WaterfallLayout {
    /// The request's summary lines.
    let header: Rect
    /// The span table, its header row included.
    let table: Rect
    /// The selected span's details under the table, a title rule first; empty when there is no room.
    let detail: Rect
    /// The zoomed details: everything under the summary, a title rule first.
    let zoom: Rect

    /// The inside of the detail view's border on a `width` × `height` terminal (header and footer lines aside).
    static func inner(width: Int, height: Int) -> Rect {
        Rect(x: 0, y: 1, width: width, height: height - 2).inner
    }

    /// Lines of summary for `trace`: two, and one more for the error.
    static func headerLines(_ trace: RequestTrace) -> Int {
        trace.record.errorMessage == nil ? 2 : 3
    }

    init(inner: Rect, trace: RequestTrace) {
        let top = min(inner.height, Self.headerLines(trace))
        header = Rect(x: inner.x, y: inner.y, width: inner.width, height: top)
        let rest = Rect(x: inner.x, y: inner.y + top, width: inner.width, height: inner.height - top)
        zoom = rest
        let wanted = trace.spans.count + 1
        if rest.height < 8 {
            // Too short to split: the table alone (Enter still shows a span in full).
            table = rest
            detail = Rect(x: rest.x, y: rest.maxY, width: rest.width, height: 0)
        } else {
            let detailMinimum = max(5, rest.height * 2 / 5)
            let tableHeight = min(wanted, max(3, rest.height - detailMinimum))
            table = Rect(x: rest.x, y: rest.y, width: rest.width, height: tableHeight)
            detail = Rect(x: rest.x, y: rest.y + tableHeight, width: rest.width, height: rest.height - tableHeight)
        }
    }

    /// Lines of details the zoomed view shows at once (under its title rule).
    var zoomLines: Int { max(0, zoom.height - 1) }
}
