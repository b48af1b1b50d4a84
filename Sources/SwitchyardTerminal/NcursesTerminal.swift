import CNcursesw
import Foundation
import SwitchyardTUI
import Synchronization

/// The ncursesw backend: owns the screen, draws only changed cells, reads keys without blocking.
/// Every curses call goes through one lock, so the key reader and the render loop never overlap.
final class NcursesTerminal: Sendable {
    private struct Screen {
        var screen: OpaquePointer?
        var previous: CellGrid?
        var theme: Theme
        var pairs: [PairKey: Int32] = [:]
        var nextPair: Int32 = 1
        var colors: Int
        var closed = false
    }

    private struct PairKey: Hashable {
        var fg: Int32
        var bg: Int32
    }

    private let state: Mutex<Screen>

    /// Opens the terminal on fd 0/1, reporting the mouse when `mouse`; throws when they are not a tty or TERM is
    /// unusable.
    init(theme: Theme, mouse: Bool) throws(DashboardError) {
        guard isatty(0) == 1, isatty(1) == 1 else { throw DashboardError.notATerminal }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard !term.isEmpty else { throw DashboardError.unsupportedTerminal("TERM is not set") }
        guard term != "dumb" else { throw DashboardError.unsupportedTerminal("TERM=dumb has no cursor addressing") }
        guard let out = sy_fdopen_out(1), let input = sy_fdopen_in(0) else {
            throw DashboardError.terminalFailure("cannot open the terminal streams")
        }
        // newterm returns NULL for an unknown TERM instead of exiting like initscr.
        guard let screen = newterm(term, out, input) else {
            throw DashboardError.unsupportedTerminal("TERM=\(term) is not in the terminfo database")
        }
        set_term(screen)
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(sy_colors())
        }
        cbreak()
        noecho()
        nonl()
        keypad(sy_stdscr(), true)
        // We diff cells ourselves; line-scrolling shortcuts only add terminal-specific escape sequences.
        idlok(sy_stdscr(), false)
        scrollok(sy_stdscr(), false)
        nodelay(sy_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        if mouse {
            mousemask(MouseDecoder.mask, nil)
        }
        state = Mutex(Screen(screen: screen, theme: theme, colors: colors))
    }

    /// Current terminal size in cells.
    var size: (width: Int, height: Int) {
        state.withLock { _ in (Int(sy_cols()), Int(sy_lines())) }
    }

    /// Switches theme; the next draw repaints every cell.
    func setTheme(_ theme: Theme) {
        state.withLock {
            $0.theme = theme
            $0.previous = nil
        }
    }

    /// Forgets what is on screen so the next draw repaints everything (after a resize).
    func invalidate() {
        state.withLock {
            $0.previous = nil
            clearok(sy_stdscr(), true)
        }
    }

    /// Sends `sequence` to the terminal as is, around ncurses (which would draw it as text): for escape sequences
    /// the terminal acts on without changing the screen, such as OSC 52.
    func write(_ sequence: String) {
        state.withLock { s in
            guard !s.closed else { return }
            let bytes = Array(sequence.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBufferPointer { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
                guard n > 0 else { break }
                offset += n
            }
        }
    }

    /// Writes the cells that changed since the last draw, then refreshes.
    func draw(_ grid: CellGrid) {
        state.withLock { s in
            guard !s.closed else { return }
            let runs: [CellRun]
            if let previous = s.previous, previous.width == grid.width, previous.height == grid.height {
                runs = grid.diff(from: previous)
            } else {
                // Nothing trustworthy on screen (first frame, resize, theme change): repaint every cell.
                erase()
                runs = grid.diff(from: CellGrid(width: 0, height: 0))
            }
            for run in runs { Self.write(run, &s) }
            s.previous = grid
            refresh()
        }
    }

    private static func write(_ run: CellRun, _ s: inout Screen) {
        for (i, cell) in run.cells.enumerated() {
            let (attrs, pair) = attributes(cell.style, &s)
            let scalar = cell.character.unicodeScalars.first?.value ?? 32
            _ = sy_put_cell(Int32(run.y), Int32(run.x + i), wchar_t(Int32(bitPattern: scalar)), attrs, pair)
        }
    }

    private static func attributes(_ style: Style, _ s: inout Screen) -> (attr_t, Int32) {
        let look = s.theme.appearance(style.role)
        var attrs = sy_a_normal()
        if look.bold || style.bold { attrs |= sy_a_bold() }
        if look.dim || style.dim { attrs |= sy_a_dim() }
        if look.reverse != style.reverse { attrs |= sy_a_reverse() }
        if look.underline { attrs |= sy_a_underline() }
        guard s.colors > 0 else { return (attrs, 0) }
        let key = PairKey(fg: colorNumber(look.foreground, s.colors),
                          bg: colorNumber(look.background ?? .terminalDefault, s.colors))
        if key.fg == -1, key.bg == -1 { return (attrs, 0) }
        if let pair = s.pairs[key] { return (attrs, pair) }
        guard s.nextPair < sy_color_pairs() else { return (attrs, 0) }
        let pair = s.nextPair
        guard init_extended_pair(pair, key.fg, key.bg) != ERR else { return (attrs, 0) }
        s.nextPair += 1
        s.pairs[key] = pair
        return (attrs, pair)
    }

    private static func colorNumber(_ color: ThemeColor, _ colors: Int) -> Int32 {
        switch color.reduced(toPalette: colors) {
        case .terminalDefault: -1
        case .index(let i): Int32(i)
        }
    }

    /// The next key or mouse event if one is waiting; never blocks. Nil also for input the dashboard does not use
    /// (so the caller reads on while `hasInput`).
    func read() -> (input: TerminalInput?, more: Bool) {
        state.withLock { s in
            guard !s.closed else { return (nil, false) }
            var ch: wint_t = 0
            let status = sy_get_wch(&ch)
            if status == OK { return (KeyDecoder.character(UInt32(ch)).map(TerminalInput.key), true) }
            guard status == KEY_CODE_YES else { return (nil, false) }
            let code = Int32(bitPattern: UInt32(ch))
            if code == sy_key_mouse() {
                var x: Int32 = 0, y: Int32 = 0
                var buttons: mmask_t = 0
                guard sy_get_mouse(&x, &y, &buttons) == OK else { return (nil, true) }
                return (MouseDecoder.event(buttons: buttons, x: x, y: y).map(TerminalInput.mouse), true)
            }
            return (KeyDecoder.function(code).map(TerminalInput.key), true)
        }
    }

    /// Restores the terminal; safe to call more than once.
    func close() {
        state.withLock { s in
            guard !s.closed else { return }
            s.closed = true
            curs_set(1)
            endwin()
            if let screen = s.screen { delscreen(screen) }
            s.screen = nil
        }
    }
}
