import Testing
@testable import SwitchyardCore

/// A strict reader of the Prometheus text format 0.0.4, enough to check what the gateway renders.
struct ExpositionSample: Equatable {
    var name: String
    var labels: [String: String]
    var value: Double
}

struct ExpositionParseError: Error, CustomStringConvertible {
    var description: String
}

struct ParsedExposition {
    var samples: [ExpositionSample] = []
    var types: [String: String] = [:]
    var helps: [String: String] = [:]

    /// Parses `text`, throwing on the first malformed line, a family without or with repeated HELP/TYPE,
    /// a sample before its TYPE, or a family whose samples are not contiguous.
    init(_ text: String) throws {
        var finished: Set<String> = []
        var current: String?
        guard text.hasSuffix("\n") else { throw ExpositionParseError(description: "no final line feed") }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let line = String(raw)
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
                guard parts.count == 4 else { throw ExpositionParseError(description: "bad comment: \(line)") }
                let name = String(parts[2])
                let isHelp = parts[1] == "HELP"
                if isHelp {
                    guard helps[name] == nil else { throw ExpositionParseError(description: "HELP twice: \(name)") }
                    helps[name] = String(parts[3])
                } else {
                    guard types[name] == nil else { throw ExpositionParseError(description: "TYPE twice: \(name)") }
                    guard ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                        throw ExpositionParseError(description: "bad type: \(line)")
                    }
                    types[name] = String(parts[3])
                }
                continue
            }
            let sample = try Self.parseSample(line)
            let family = family(of: sample.name)
            guard types[family] != nil else { throw ExpositionParseError(description: "sample before TYPE: \(line)") }
            if current != family {
                if let current { finished.insert(current) }
                guard !finished.contains(family) else {
                    throw ExpositionParseError(description: "samples of \(family) not contiguous")
                }
                current = family
            }
            samples.append(sample)
        }
        for name in types.keys where helps[name] == nil {
            throw ExpositionParseError(description: "no HELP for \(name)")
        }
        for name in helps.keys where types[name] == nil {
            throw ExpositionParseError(description: "no TYPE for \(name)")
        }
    }

    private func family(of name: String) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" { return base }
        }
        return name
    }

    /// `name{labels} value`: a metric name, optional escaped labels, one space, a float.
    static func parseSample(_ line: String) throws -> ExpositionSample {
        let chars = Array(line)
        var i = 0
        func fail(_ why: String) -> ExpositionParseError { ExpositionParseError(description: "\(why): \(line)") }
        func identifier(allowColon: Bool) -> String {
            var s = ""
            while i < chars.count {
                let c = chars[i]
                let ok = c == "_" || (c.isASCII && c.isLetter) || (!s.isEmpty && c.isASCII && c.isNumber)
                    || (allowColon && c == ":")
                guard ok else { break }
                s.append(c)
                i += 1
            }
            return s
        }
        let name = identifier(allowColon: true)
        guard !name.isEmpty else { throw fail("no metric name") }
        var labels: [String: String] = [:]
        if i < chars.count, chars[i] == "{" {
            i += 1
            while true {
                let key = identifier(allowColon: false)
                guard !key.isEmpty else { throw fail("no label name") }
                guard i + 1 < chars.count, chars[i] == "=", chars[i + 1] == "\"" else { throw fail("no =\"") }
                i += 2
                var value = ""
                while true {
                    guard i < chars.count else { throw fail("unterminated label value") }
                    let c = chars[i]
                    if c == "\"" { i += 1; break }
                    if c == "\\" {
                        guard i + 1 < chars.count else { throw fail("dangling escape") }
                        switch chars[i + 1] {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw fail("bad escape")
                        }
                        i += 2
                        continue
                    }
                    guard c != "\n" else { throw fail("raw line feed") }
                    value.append(c)
                    i += 1
                }
                guard labels[key] == nil else { throw fail("label twice") }
                labels[key] = value
                guard i < chars.count else { throw fail("unterminated labels") }
                if chars[i] == "," { i += 1; continue }
                if chars[i] == "}" { i += 1; break }
                throw fail("bad label separator")
            }
        }
        guard i < chars.count, chars[i] == " " else { throw fail("no space before value") }
        let text = String(chars[(i + 1)...])
        let value: Double
        switch text {
        case "+Inf": value = .infinity
        case "-Inf": value = -.infinity
        case "NaN": value = .nan
        default:
            guard let v = Double(text), !text.contains(" ") else { throw fail("bad value") }
            value = v
        }
        return ExpositionSample(name: name, labels: labels, value: value)
    }

    /// The value of the one sample named `name` whose labels include `labels`.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matches = samples.filter { s in s.name == name && labels.allSatisfy { s.labels[$0.key] == $0.value } }
        return matches.count == 1 ? matches[0].value : nil
    }

    /// Checks every histogram series: `le` ascending ending in +Inf, counts non-decreasing, `_count` = +Inf.
    func checkHistograms() throws {
        for (family, type) in types where type == "histogram" {
            var series: [String: [(le: Double, count: Double)]] = [:]
            var counts: [String: Double] = [:]
            var sums: Set<String> = []
            for s in samples {
                var rest = s.labels
                rest["le"] = nil
                let key = rest.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                if s.name == family + "_bucket" {
                    guard let leText = s.labels["le"], let le = leText == "+Inf" ? .infinity : Double(leText) else {
                        throw ExpositionParseError(description: "\(family): bucket without le")
                    }
                    series[key, default: []].append((le, s.value))
                } else if s.name == family + "_count" {
                    counts[key] = s.value
                } else if s.name == family + "_sum" {
                    sums.insert(key)
                }
            }
            for (key, buckets) in series {
                guard buckets.last?.le == .infinity else {
                    throw ExpositionParseError(description: "\(family){\(key)}: last bucket is not +Inf")
                }
                for k in buckets.indices.dropFirst() {
                    guard buckets[k].le > buckets[k - 1].le, buckets[k].count >= buckets[k - 1].count else {
                        throw ExpositionParseError(description: "\(family){\(key)}: buckets not cumulative")
                    }
                }
                guard counts[key] == buckets.last?.count, sums.contains(key) else {
                    throw ExpositionParseError(description: "\(family){\(key)}: _count ≠ +Inf bucket or no _sum")
                }
            }
        }
    }
}

@Suite struct MetricsExpositionCheckerTests {
    // The checker itself must reject what Prometheus would.
    @Test func theCheckerRejectsMalformedExposition() {
        let typed = "# HELP a_total A.\n# TYPE a_total counter\n"
        #expect(throws: ExpositionParseError.self) { try ParsedExposition(typed + "a_total{x=\"1\"}  2\n") }
        #expect(throws: ExpositionParseError.self) { try ParsedExposition(typed + "a_total{x=\"a\\q\"} 2\n") }
        #expect(throws: ExpositionParseError.self) { try ParsedExposition(typed + "a_total{x=\"a\"} two\n") }
        #expect(throws: ExpositionParseError.self) { try ParsedExposition("a_total 1\n") }
        #expect(throws: ExpositionParseError.self) { try ParsedExposition(typed + typed + "a_total 1\n") }
        #expect(throws: ExpositionParseError.self) { try ParsedExposition("# TYPE b gauge\nb 1\n") }
        let parsed = try? ParsedExposition(typed + "a_total{x=\"q\\\"\\\\\\n\"} 2\n")
        #expect(parsed?.value("a_total", ["x": "q\"\\\n"]) == 2)
    }

    @Test func theCheckerRejectsNonCumulativeHistograms() throws {
        let head = "# HELP h Latency.\n# TYPE h histogram\n"
        let bad = try ParsedExposition(head + "h_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n")
        #expect(throws: ExpositionParseError.self) { try bad.checkHistograms() }
        let wrongCount = try ParsedExposition(head + "h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n")
        #expect(throws: ExpositionParseError.self) { try wrongCount.checkHistograms() }
        let good = try ParsedExposition(head + "h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n")
        try good.checkHistograms()
    }
}
