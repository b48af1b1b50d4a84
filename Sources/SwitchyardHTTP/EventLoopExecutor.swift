import NIOCore
import NIOPosix

/// A Swift task executor that runs jobs on one NIO event loop. A request preferring its connection's loop runs
/// its handler, its upstream call (AsyncHTTPClient picks the current loop) and its reply on one thread, instead of
/// hopping between NIO's threads and the concurrency pool at every await: each hop is a thread wake-up, and on a
/// small machine those wake-ups, not the gateway's own work, were most of the latency it added.
public final class EventLoopExecutor: TaskExecutor {
    public let eventLoop: any EventLoop

    private init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    public func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }

    /// One executor per loop of NIO's shared group (the one the servers and the upstream clients run on), made once.
    private static let shared: [ObjectIdentifier: EventLoopExecutor] = {
        var executors: [ObjectIdentifier: EventLoopExecutor] = [:]
        for loop in MultiThreadedEventLoopGroup.singleton.makeIterator() {
            executors[ObjectIdentifier(loop)] = EventLoopExecutor(loop)
        }
        return executors
    }()

    /// The executor of `eventLoop`.
    public static func of(_ eventLoop: any EventLoop) -> EventLoopExecutor {
        shared[ObjectIdentifier(eventLoop)] ?? EventLoopExecutor(eventLoop)
    }

    /// The executor of the event loop this thread runs, if it runs one: where a task spawned here should stay.
    public static var current: EventLoopExecutor? {
        MultiThreadedEventLoopGroup.currentEventLoop.map(of)
    }
}
