import Foundation
import SwitchyardCore
import SwitchyardJSON
import SwitchyardWire
import Synchronization

/// One line per request, as nginx's and Envoy's access logs: time, request id, trace id, key, team, model, the
/// deployment that served, status, attempts, whether it fell back, latency, time to first token, tokens and
/// cost — as logfmt (`text`) or one JSON object per line (`json`). Secrets never appear: the key is its name.
public final class AccessLog: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    private let format: Format
    private let sink: @Sendable (String) -> Void

    /// A log writing each line to `sink` (stdout by default, one write per line).
    public init(format: Format, sink: @escaping @Sendable (String) -> Void = AccessLog.standardOutput) {
        self.format = format
        self.sink = sink
    }

    /// Writes `line` and a newline to standard output in one system call.
    public static let standardOutput: @Sendable (String) -> Void = { line in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Logs a finished request.
    func log(_ record: RequestRecord, traceID: String?) {
        sink(line(record, traceID: traceID))
    }

    /// The line for `record`.
    func line(_ record: RequestRecord, traceID: String?) -> String {
        var fields: [(String, JSONValue)] = [
            ("time", .string(LogTime.rfc3339(record.time + record.latency))),
            ("request_id", .string(record.id)),
        ]
        if let traceID { fields.append(("trace_id", .string(traceID))) }
        if let key = record.key { fields.append(("key", .string(key))) }
        if let team = record.team { fields.append(("team", .string(team))) }
        fields.append(("model", .string(record.model)))
        if let served = record.servedBy { fields.append(("deployment", .string(served))) }
        fields += [
            ("status", .int(record.status)),
            ("stream", .bool(record.stream)),
            ("attempts", .int(record.attempts.count)),
            ("fell_back", .bool(record.fellBack)),
            ("latency_ms", .double(Self.milliseconds(record.latency))),
        ]
        if let ttft = record.timeToFirstToken { fields.append(("ttft_ms", .double(Self.milliseconds(ttft)))) }
        fields += [
            ("input_tokens", .int(record.inputTokens)),
            ("output_tokens", .int(record.outputTokens)),
            ("cost", .double(record.cost)),
        ]
        if let error = record.errorMessage { fields.append(("error", .string(error))) }
        switch format {
        case .json:
            var object = JSONObject()
            for (name, value) in fields { object[name] = value }
            return JSONValue.object(object).jsonString()
        case .text:
            return fields.map { name, value in "\(name)=\(Self.logfmt(value))" }.joined(separator: " ")
        }
    }

    /// A logfmt value: bare when it has no space, quote or equals sign, else quoted.
    private static func logfmt(_ value: JSONValue) -> String {
        let text: String
        switch value {
        case .string(let s): text = s
        default: text = value.jsonString()
        }
        guard text.isEmpty || text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else {
            return text
        }
        return JSONValue.string(text).jsonString()
    }

    private static func milliseconds(_ seconds: Double) -> Double {
        (seconds * 10_000).rounded() / 10
    }
}
