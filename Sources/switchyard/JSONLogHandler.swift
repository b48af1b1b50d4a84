import Foundation
import Logging
import SwitchyardGateway
import SwitchyardJSON
import SwitchyardWire

/// Diagnostics as one JSON object per line on stderr (`serve --log-format json`): time, level, label, message and
/// the metadata, for log shippers that parse JSON.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var object = JSONObject()
        object["time"] = .string(LogTime.rfc3339(Date().timeIntervalSince1970))
        object["level"] = .string(event.level.rawValue)
        object["label"] = .string(label)
        object["message"] = .string(event.message.description)
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key] = .string(value.description)
        }
        FileHandle.standardError.write(Data((JSONValue.object(object).jsonString() + "\n").utf8))
    }
}
