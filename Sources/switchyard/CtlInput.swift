import ArgumentParser
import SwitchyardCore

/// Checks and conversions of `ctl` flag values shared by the governance commands (failures exit with 2).
enum CtlInput {
    static func checkLimits(rpm: Int?, tpm: Int?) throws {
        if let rpm, rpm < 0 { throw ValidationError("--rpm must be 0 or more, got \(rpm)") }
        if let tpm, tpm < 0 { throw ValidationError("--tpm must be 0 or more, got \(tpm)") }
    }

    static func checkDollars(_ value: Double, flag: String) throws {
        guard value.isFinite, value >= 0 else { throw ValidationError("\(flag) must be a number of dollars ≥ 0, got \(value)") }
    }

    static func checkPeriod(_ text: String) throws {
        guard BudgetPeriod(rawValue: text.lowercased()) != nil else {
            throw ValidationError("--period must be daily, weekly, monthly or total, got '\(text)'")
        }
    }

    static func checkPolicy(_ text: String) throws {
        guard BudgetPolicy(rawValue: text.lowercased()) != nil else {
            throw ValidationError("the budget policy must be refuse or clamp, got '\(text)'")
        }
    }

    /// `a,b` as a list; nil when absent.
    static func list(_ text: String?) -> [String]? {
        text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    /// Repeated `k=v` labels as a dictionary.
    static func metadata(_ pairs: [String]) throws -> [String: String] {
        var labels: [String: String] = [:]
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw ValidationError("--meta takes key=value, got '\(pair)'")
            }
            labels[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return labels
    }
}

extension Dictionary {
    /// Nil for an empty dictionary, so an absent field stays absent in a request body.
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
