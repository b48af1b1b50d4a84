/// A decoded key press.
public enum Key: Sendable, Hashable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, esc, tab, backTab, backspace
    case resize
    case f(Int)
}
