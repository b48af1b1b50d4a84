/// A mouse event at a cell of the screen (0-based column and row), decoded from the terminal's report.
public struct MouseEvent: Sendable, Hashable {
    /// What the mouse did.
    public enum Kind: Sendable, Hashable {
        /// The left button pressed and released.
        case click
        /// Two clicks within the terminal's double-click interval.
        case doubleClick
        /// The wheel turned one notch away from the user.
        case wheelUp
        /// The wheel turned one notch towards the user.
        case wheelDown
    }

    public var kind: Kind
    /// Column, from 0 at the left edge.
    public var x: Int
    /// Row, from 0 at the top edge.
    public var y: Int

    /// `kind` at column `x`, row `y`.
    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
