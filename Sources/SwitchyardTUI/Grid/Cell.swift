/// One terminal cell: a single-column character and its style.
public struct Cell: Sendable, Hashable {
    /// A single-column character.
    public var character: Character
    /// How the character is drawn.
    public var style: Style

    /// A cell showing `character` in `style`.
    public init(_ character: Character = " ", _ style: Style = .background) {
        self.character = character
        self.style = style
    }

    /// A blank background cell.
    public static let blank = Cell()
}
