import Foundation
import SwitchyardTUI

/// Why the dashboard could not start or keep running.
public enum DashboardError: Error, Sendable, LocalizedError, CustomStringConvertible {
    /// stdin or stdout is not a terminal.
    case notATerminal
    /// TERM is unset, `dumb`, or unknown to terminfo.
    case unsupportedTerminal(String)
    /// A theme file or name could not be used ("themes/x.theme:7: unknown color 'bleu'").
    case badTheme(String)
    /// ncurses refused an operation.
    case terminalFailure(String)

    public var description: String {
        switch self {
        case .notATerminal:
            "the dashboard needs an interactive terminal: stdin and stdout must both be a tty"
        case .unsupportedTerminal(let why): "cannot drive this terminal: \(why)"
        case .badTheme(let why): "bad theme: \(why)"
        case .terminalFailure(let why): "terminal error: \(why)"
        }
    }

    public var errorDescription: String? { description }
}
