import Foundation
import SwitchyardJSON
import SwitchyardWire

/// A labelled set of requests to judge task detection by: one JSON object per line,
/// `{"id": …, "task": …, "api": "openai" | "anthropic", "body": {…}, "long_document_tokens": N}`. A body holding
/// the marker `{{LONG_DOCUMENT}}` gets about N tokens of prose in its place, so long requests stay small on disk.
public struct TaskCorpus: Sendable {
    public struct Item: Sendable {
        public var id: String
        public var task: TaskName
        public var request: ClientRequest
    }

    public var items: [Item]

    /// The marker a body's text carries where the long document goes.
    public static let marker = "{{LONG_DOCUMENT}}"

    /// Reads the corpus at `path`; a line that is not a valid item throws naming its line.
    public init(contentsOf path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var items: [Item] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            do {
                items.append(try Self.item(String(line)))
            } catch {
                throw TaskCorpusError(line: number + 1, message: "\(error)")
            }
        }
        self.items = items
    }

    private static func item(_ line: String) throws -> Item {
        guard case .object(let o) = try WireCoding.decode(JSONValue.self, from: Data(line.utf8)),
              case .string(let id)? = o["id"], case .string(let task)? = o["task"], case .string(let api)? = o["api"],
              let body = o["body"]
        else { throw TaskCorpusError(line: 0, message: "needs id, task, api and body") }
        var json = body.jsonString()
        if case .int(let tokens)? = o["long_document_tokens"] {
            // The marker sits inside a JSON string: the filler is plain prose, so it needs no escaping.
            json = json.replacingOccurrences(of: marker, with: filler(tokens: tokens))
        }
        let data = Data(json.utf8)
        let request: ClientRequest
        switch api {
        case "openai": request = .chat(try WireCoding.decode(ChatCompletionRequest.self, from: data))
        case "anthropic": request = .messages(try WireCoding.decode(MessagesRequest.self, from: data))
        default: throw TaskCorpusError(line: 0, message: "api must be openai or anthropic, got \(api)")
        }
        return Item(id: id, task: TaskName(rawValue: task), request: request)
    }

    /// About `tokens` tokens of ordinary prose (four characters a token).
    static func filler(tokens: Int) -> String {
        let paragraph = "The committee reviewed the quarterly figures and noted that shipments rose in the north while "
            + "returns fell slightly in the south. Several members asked for a clearer account of the delays at the "
            + "port, and the chair agreed to circulate the carrier's letter before the next meeting. "
        let count = max(0, tokens) * 4
        var out = ""
        out.reserveCapacity(count + paragraph.utf8.count)
        while out.utf8.count < count { out += paragraph }
        return out
    }

    /// How `classifier` labels the corpus.
    public func evaluate(_ classifier: TaskClassifier) -> TaskEvaluation {
        var evaluation = TaskEvaluation()
        for item in items {
            let signals = item.request.taskSignals(estimatedTokens: item.request.estimatedInputTokens)
            let decided = classifier.classify(signals).task
            evaluation.record(expected: item.task, decided: decided, id: item.id)
        }
        return evaluation
    }
}

/// A corpus line that could not be read.
public struct TaskCorpusError: Error, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// Recall per task and the confusion matrix of a classifier over a labelled corpus.
public struct TaskEvaluation: Sendable {
    /// counts[expected][decided]
    public private(set) var counts: [TaskName: [TaskName: Int]] = [:]
    /// The items labelled wrongly: id, expected, decided.
    public private(set) var misses: [(id: String, expected: TaskName, decided: TaskName)] = []

    mutating func record(expected: TaskName, decided: TaskName, id: String) {
        counts[expected, default: [:]][decided, default: 0] += 1
        if expected != decided { misses.append((id, expected, decided)) }
    }

    /// The tasks seen, built-ins in precedence order first.
    public var tasks: [TaskName] {
        let seen = Set(counts.keys).union(counts.values.flatMap(\.keys))
        return TaskName.builtIn.filter(seen.contains) + seen.subtracting(TaskName.builtIn).sorted()
    }

    /// The share of `task`'s items labelled `task`.
    public func recall(_ task: TaskName) -> Double {
        let row = counts[task] ?? [:]
        let total = row.values.reduce(0, +)
        return total == 0 ? 0 : Double(row[task] ?? 0) / Double(total)
    }

    /// The share of all items labelled right.
    public var accuracy: Double {
        let total = counts.values.flatMap(\.values).reduce(0, +)
        let right = counts.reduce(0) { $0 + ($1.value[$1.key] ?? 0) }
        return total == 0 ? 0 : Double(right) / Double(total)
    }

    /// The confusion matrix as text: a row per expected task, a column per decided one, then recall.
    public var table: String {
        let tasks = self.tasks
        let width = max(12, (tasks.map(\.rawValue.count).max() ?? 0) + 2)
        func pad(_ s: String) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
        var lines = [pad("expected ↓ / decided →") + tasks.map { pad($0.rawValue) }.joined() + "recall"]
        for expected in tasks {
            let row = counts[expected] ?? [:]
            let cells = tasks.map { pad(String(row[$0] ?? 0)) }.joined()
            lines.append(pad(expected.rawValue) + cells + String(format: "%.1f %%", recall(expected) * 100))
        }
        lines.append(String(format: "overall: %.1f %% of %d", accuracy * 100, counts.values.flatMap(\.values).reduce(0, +)))
        return lines.joined(separator: "\n")
    }
}
