import Foundation
import Testing
@testable import SwitchyardCore

/// Detection with the default rules against the labelled corpus in `Corpus/task-corpus.jsonl`, written apart from
/// the rules: at least 90 % recall for every task and 95 % overall.
@Suite struct TaskCorpusTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Corpus/task-corpus.jsonl").path

    @Test func theCorpusHasEnoughOfEveryTask() throws {
        let corpus = try TaskCorpus(contentsOf: Self.path)
        #expect(corpus.items.count >= 200)
        for task in TaskName.builtIn {
            #expect(corpus.items.filter { $0.task == task }.count >= 25, "\(task)")
        }
    }

    @Test func defaultDetectionMeetsTheRecallBar() throws {
        let evaluation = try TaskCorpus(contentsOf: Self.path).evaluate(TaskClassifier())
        let misses = evaluation.misses.map { "\($0.id): \($0.expected) → \($0.decided)" }.joined(separator: "\n")
        for task in TaskName.builtIn {
            #expect(evaluation.recall(task) >= 0.9, "\(task)\n\(evaluation.table)\n\(misses)")
        }
        #expect(evaluation.accuracy >= 0.95, "\(evaluation.table)\n\(misses)")
    }
}
