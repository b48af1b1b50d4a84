/// The process's own resource use, as Prometheus client libraries expose it (`process_*`); read by the server
/// from the operating system, rendered here.
public struct ProcessSample: Sendable, Hashable {
    public var cpuSeconds: Double
    public var residentBytes: Int
    public var virtualBytes: Int
    public var openFiles: Int
    public var maxFiles: Int
    /// Seconds since the Unix epoch.
    public var startTime: Double

    public init(cpuSeconds: Double, residentBytes: Int, virtualBytes: Int, openFiles: Int, maxFiles: Int, startTime: Double) {
        self.cpuSeconds = cpuSeconds
        self.residentBytes = residentBytes
        self.virtualBytes = virtualBytes
        self.openFiles = openFiles
        self.maxFiles = maxFiles
        self.startTime = startTime
    }
}
