import Foundation
import SwitchyardTUI
import Synchronization

/// Hands the terminal's keys and mouse events over as they arrive, from a thread of its own that sleeps in `poll` until there is
/// input. The dashboard used to ask every 15 ms from a task: 67 timer wake-ups a second across Dispatch and the
/// concurrency pool were most of an idle dashboard's CPU.
final class InputReader: Sendable {
    /// Longest sleep without input: ncurses reports a resize as a key only once asked, and the signal that
    /// announces it may land on another thread.
    static let idleCheckMilliseconds: Int32 = 100

    private let stopped = Atomic<Bool>(false)

    /// Starts reading `terminal`'s input (on `descriptor`) into `onInput` until `stop()`.
    init(terminal: NcursesTerminal, descriptor: Int32 = STDIN_FILENO, onInput: @escaping @Sendable (TerminalInput) -> Void) {
        let thread = Thread { [self] in
            while !stopped.load(ordering: .relaxed) {
                var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&waiting, 1, Self.idleCheckMilliseconds)
                while true {
                    let (input, more) = terminal.read()
                    if let input { onInput(input) }
                    if !more { break }
                }
                // A terminal that went away polls ready at once, forever: sleep instead of spinning.
                if ready > 0, waiting.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                    usleep(UInt32(Self.idleCheckMilliseconds) * 1_000)
                }
            }
        }
        thread.name = "switchyard-keys"
        thread.start()
    }

    /// Stops reading (within `idleCheckMilliseconds`).
    func stop() {
        stopped.store(true, ordering: .relaxed)
    }
}
