import Foundation
import SwitchyardCore

/// The `OTEL_*` environment variables as the OpenTelemetry SDK specification reads them: empty means unset, and
/// a malformed value is ignored with a warning (never fatal: telemetry must not stop the gateway).
struct OTLPEnvironment {
    let values: [String: String]
    let warn: (String) -> Void

    init(_ values: [String: String], warn: @escaping (String) -> Void) {
        self.values = values
        self.warn = warn
    }

    /// The variable's trimmed value; nil when unset or empty.
    func text(_ name: String) -> String? {
        guard let raw = values[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        return raw
    }

    /// `true` or `false`, case-insensitive.
    func flag(_ name: String) -> Bool? {
        guard let raw = text(name) else { return nil }
        switch raw.lowercased() {
        case "true": return true
        case "false": return false
        default:
            warn("ignoring \(name)='\(raw)': expected true or false")
            return nil
        }
    }

    /// A whole number of milliseconds, as seconds.
    func milliseconds(_ name: String) -> Double? {
        guard let raw = text(name) else { return nil }
        guard let ms = Int(raw), ms > 0, ms <= 86_400_000 else {
            warn("ignoring \(name)='\(raw)': expected a positive whole number of milliseconds")
            return nil
        }
        return Double(ms) / 1_000
    }

    /// A positive count.
    func count(_ name: String) -> Int? {
        guard let raw = text(name) else { return nil }
        guard let n = Int(raw), n > 0, n <= 10_000_000 else {
            warn("ignoring \(name)='\(raw)': expected a positive whole number")
            return nil
        }
        return n
    }

    /// `http/protobuf`, `http/json` or `grpc`.
    func wireProtocol(_ name: String) -> OTLPExportConfig.WireProtocol? {
        guard let raw = text(name) else { return nil }
        guard let value = OTLPExportConfig.WireProtocol(rawValue: raw.lowercased()) else {
            warn("ignoring \(name)='\(raw)': expected http/protobuf, http/json or grpc")
            return nil
        }
        return value
    }

    /// The traces URL: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as written, else `OTEL_EXPORTER_OTLP_ENDPOINT` with
    /// `/v1/traces` appended to its path.
    func tracesEndpoint() -> String? {
        if let url = text("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") {
            if OTLPExportConfig.isHTTPURL(url) { return url }
            warn("ignoring OTEL_EXPORTER_OTLP_TRACES_ENDPOINT='\(url)': expected an http:// or https:// URL")
        }
        guard let base = text("OTEL_EXPORTER_OTLP_ENDPOINT") else { return nil }
        guard OTLPExportConfig.isHTTPURL(base) else {
            warn("ignoring OTEL_EXPORTER_OTLP_ENDPOINT='\(base)': expected an http:// or https:// URL")
            return nil
        }
        return Self.appendingTracesPath(base)
    }

    /// `base` with `/v1/traces` appended, one slash between.
    static func appendingTracesPath(_ base: String) -> String {
        var url = base
        while url.hasSuffix("/") { url.removeLast() }
        return url + "/v1/traces"
    }

    /// A `k=v,k2=v2` header list, names lower-cased, both sides percent-decoded; malformed entries are skipped
    /// with a warning that names the entry (never its value: headers carry credentials).
    func headers(_ name: String) -> [String: String] {
        guard let raw = text(name) else { return [:] }
        let (parsed, bad) = Self.parseHeaders(raw)
        for entry in bad { warn("ignoring an entry of \(name): '\(entry)' is not name=value") }
        return parsed
    }

    /// The pairs of a `k=v,k2=v2` list and the names of the entries that are not `name=value`.
    static func parseHeaders(_ raw: String) -> (headers: [String: String], malformed: [String]) {
        var headers: [String: String] = [:]
        var malformed: [String] = []
        for entry in raw.split(separator: ",") {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "="),
                  let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces).removingPercentEncoding,
                  let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                      .removingPercentEncoding,
                  !key.isEmpty, key.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != ":" })
            else {
                malformed.append(String(trimmed.prefix { $0 != "=" }))
                continue
            }
            headers[key.lowercased()] = value
        }
        return (headers, malformed)
    }
}
