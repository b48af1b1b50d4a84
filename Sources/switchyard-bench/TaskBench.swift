import ArgumentParser
import Foundation
import SwitchyardCore
import SwitchyardWire

/// Task detection: what it costs per request (signals read from the parsed request, then the classifier), by task,
/// and how it labels the committed corpus (recall per task, the confusion matrix).
struct TaskBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "Task detection: microseconds per request by task, and the confusion matrix over the labelled corpus.")

    @OptionGroup var suite: SuiteOptions

    @Option(help: "The labelled corpus (JSON lines).")
    var corpus = "Tests/SwitchyardCoreTests/Corpus/task-corpus.jsonl"

    @Option(help: "Classifications per item measured.")
    var iterations = 2_000

    func run() throws {
        let loaded = try TaskCorpus(contentsOf: corpus)
        let classifier = TaskClassifier()
        let rounds = suite.smoke ? 20 : iterations
        print("tasks: \(loaded.items.count) labelled requests from \(corpus); \(rounds) classifications each, "
              + "the prompt's token estimate given (the ingress has it)\n")
        var table = ResultTable(header: ["task", "items", "mean µs", "p50 µs", "p99 µs", "max µs"])
        var all: [Double] = []
        let byTask = Dictionary(grouping: loaded.items, by: \.task)
        for task in TaskName.builtIn {
            guard let items = byTask[task] else { continue }
            var samples: [Double] = []
            for item in items {
                let tokens = item.request.estimatedInputTokens
                let start = ContinuousClock.now
                var sink = 0
                for _ in 0..<rounds {
                    sink &+= classifier.classify(item.request.taskSignals(estimatedTokens: tokens)).features.count
                }
                let elapsed = ContinuousClock.now - start
                samples.append(Self.micros(elapsed) / Double(rounds))
                if sink == -1 { print("") }
            }
            all += samples
            table.rows.append(Self.row(task.rawValue, samples))
        }
        table.rows.append(Self.row("all", all))
        print(table.render())
        print("\nper item: its mean over the classifications; p50/p99/max over items\n")
        print(loaded.evaluate(classifier).table)
    }

    private static func micros(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
    }

    private static func row(_ name: String, _ samples: [Double]) -> [String] {
        let sorted = samples.sorted()
        func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * q))] }
        let mean = samples.reduce(0, +) / Double(max(1, samples.count))
        return [name, String(samples.count), String(format: "%.2f", mean), String(format: "%.2f", at(0.5)),
                String(format: "%.2f", at(0.99)), String(format: "%.2f", sorted.last ?? 0)]
    }
}
