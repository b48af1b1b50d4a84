import CNcursesw
import SwitchyardTUI

/// Turns an ncurses mouse report (`getmouse` after `KEY_MOUSE`) into a `MouseEvent`.
enum MouseDecoder {
    /// Every button state the dashboard asks ncurses to report.
    static var mask: mmask_t {
        sy_mouse_click() | sy_mouse_double_click() | sy_mouse_wheel_up() | sy_mouse_wheel_down()
    }

    /// The event for button state `buttons` at (`x`, `y`); nil for states the dashboard does not use.
    static func event(buttons: mmask_t, x: Int32, y: Int32) -> MouseEvent? {
        let kind: MouseEvent.Kind
        if buttons & sy_mouse_double_click() != 0 {
            kind = .doubleClick
        } else if buttons & sy_mouse_click() != 0 {
            kind = .click
        } else if buttons & sy_mouse_wheel_up() != 0 {
            kind = .wheelUp
        } else if sy_mouse_wheel_down() != 0, buttons & sy_mouse_wheel_down() != 0 {
            kind = .wheelDown
        } else {
            return nil
        }
        return MouseEvent(kind, x: Int(x), y: Int(y))
    }
}
