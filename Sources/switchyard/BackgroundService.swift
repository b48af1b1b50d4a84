import ServiceLifecycle

/// Work that runs until its group shuts down (e.g. the demo's traffic), as a service.
struct BackgroundService: Service {
    let work: @Sendable () async -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown(work)
    }
}
