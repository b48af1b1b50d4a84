import NIOCore
import NIOPosix
import Synchronization

/// Sleeping on a NIO event loop's timer rather than `Task.sleep`. Timeouts race every upstream call, and almost
/// all are cancelled long before they fire: a loop's timer is removed on cancellation, on the loop the request
/// already runs on, while `Task.sleep` leaves a Dispatch timer per call behind until its deadline.
enum EventLoopSleep {
    /// Returns after `seconds`, or throws `CancellationError` as soon as the task is cancelled. The timer runs on
    /// the current thread's loop when it has one.
    static func sleep(seconds: Double) async throws {
        let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? MultiThreadedEventLoopGroup.singleton.any()
        let alarm = Alarm()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
                alarm.arm(waiter, loop: loop, after: .nanoseconds(Int64(max(0, seconds) * 1_000_000_000)))
            }
        } onCancel: {
            alarm.cancel()
        }
    }

    /// One sleep's continuation and timer; whichever of firing and cancelling comes first resumes it.
    private final class Alarm: Sendable {
        private enum State {
            case idle
            case armed(CheckedContinuation<Void, any Error>, Scheduled<Void>?)
            case done
        }

        private let state = Mutex(State.idle)

        func arm(_ waiter: CheckedContinuation<Void, any Error>, loop: any EventLoop, after delay: TimeAmount) {
            let armed = state.withLock { s in
                guard case .idle = s else { return false }
                s = .armed(waiter, nil)
                return true
            }
            // Cancelled before it was armed.
            guard armed else { return waiter.resume(throwing: CancellationError()) }
            let timer = loop.scheduleTask(in: delay) { [self] in fire() }
            let keep = state.withLock { s in
                guard case .armed(let waiter, nil) = s else { return false }
                s = .armed(waiter, timer)
                return true
            }
            if !keep { timer.cancel() }
        }

        private func fire() {
            let waiter: CheckedContinuation<Void, any Error>? = state.withLock { s in
                guard case .armed(let waiter, _) = s else { return nil }
                s = .done
                return waiter
            }
            waiter?.resume()
        }

        func cancel() {
            let taken: (CheckedContinuation<Void, any Error>, Scheduled<Void>?)? = state.withLock { s in
                switch s {
                case .idle:
                    s = .done
                    return nil
                case .armed(let waiter, let timer):
                    s = .done
                    return (waiter, timer)
                case .done:
                    return nil
                }
            }
            guard let (waiter, timer) = taken else { return }
            timer?.cancel()
            waiter.resume(throwing: CancellationError())
        }
    }
}
