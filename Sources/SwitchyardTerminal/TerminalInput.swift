import SwitchyardTUI

/// One thing read from the terminal: a key or a mouse event.
enum TerminalInput: Sendable {
    case key(Key)
    case mouse(MouseEvent)
}
