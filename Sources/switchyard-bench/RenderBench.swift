import ArgumentParser

/// Placeholder replaced by the render suite.
struct RenderBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "Dashboard frame cost.")
    @OptionGroup var suite: SuiteOptions
    func run() async throws { throw ValidationError("render suite not built yet") }
}
