import ArgumentParser

/// `switchyard-bench`: benchmark suites that print tables (run with `swift run -c release switchyard-bench …`).
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchyard-bench",
        abstract: "Switchyard benchmarks: each suite prints a table of measured figures.",
        discussion: "Build with -c release; absolute numbers drift on a shared machine, compare rows of one run.",
        subcommands: [
            EngineBench.self, RenderBench.self, OverheadBench.self, FaultsBench.self, SoakBench.self, LedgerBench.self,
            AdmissionBench.self, MemoryBench.self, TaskBench.self, SetupLiteLLM.self, Forwarder.self,
        ]
    )
}

/// Options every suite takes.
struct SuiteOptions: ParsableArguments {
    @Flag(help: "A few iterations only: checks that the suite runs, not how fast.")
    var smoke = false
}
