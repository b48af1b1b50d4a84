import Foundation
import SwitchyardTUI
import Synchronization

/// Hands the terminal's keys over as they arrive, from a thread of its own that sleeps in `poll` until there is
/// input. The dashboard used to ask every 15 ms from a task: 67 timer wake-ups a second across Dispatch and the
/// concurrency pool were most of an idle dashboard's CPU.
final class KeyReader: Sendable {
    /// Longest sleep without input: ncurses reports a resize as a key only once asked, and the signal that
    /// announces it may land on another thread.
    static let idleCheckMilliseconds: Int32 = 100

    private let stopped = Atomic<Bool>(false)

    /// Starts reading `terminal`'s keys (input on `descriptor`) into `onKey` until `stop()`.
    init(terminal: NcursesTerminal, descriptor: Int32 = STDIN_FILENO, onKey: @escaping @Sendable (Key) -> Void) {
        let thread = Thread { [self] in
            while !stopped.load(ordering: .relaxed) {
                var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&waiting, 1, Self.idleCheckMilliseconds)
                while let key = terminal.readKey() { onKey(key) }
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
