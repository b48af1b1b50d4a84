import ArgumentParser

/// Waiting for a server task the way every serving command does.
enum ServingTask {
    /// Waits for `serving`: cancellation (a signal, `q`) is a clean stop; any other failure (address in use…)
    /// is printed as "`prefix`: cannot serve…" and exits 1.
    static func wait(_ serving: Task<Void, any Error>, prefix: String, on address: String? = nil) async throws {
        do {
            try await serving.value
        } catch is CancellationError {
            return
        } catch {
            Console.error("\(prefix): cannot serve\(address.map { " on \($0)" } ?? ""): \(error)")
            throw ExitCode.failure
        }
    }
}
