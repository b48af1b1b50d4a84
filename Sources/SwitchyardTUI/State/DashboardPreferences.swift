import Foundation

/// What the dashboard remembers between runs, as stored in its preferences file (JSON).
public struct DashboardPreferences: Sendable, Hashable, Codable {
    /// The Requests pane's columns, by `RequestColumn` raw value; names no longer known are skipped.
    public var requestColumns: [String]

    /// Preferences holding `columns`, in the pane's order.
    public init(requestColumns columns: Set<RequestColumn> = RequestColumn.defaults) {
        requestColumns = RequestColumn.allCases.filter(columns.contains).map(\.rawValue)
    }

    /// The columns named, or the defaults when none is known (a file from elsewhere, or emptied by hand).
    public var columns: Set<RequestColumn> {
        let known = Set(requestColumns.compactMap(RequestColumn.init(rawValue:)))
        return known.isEmpty ? RequestColumn.defaults : known
    }

    /// Preferences read from `data`; missing or unreadable data gives the defaults, so that a damaged file never
    /// keeps the dashboard from starting.
    public static func decode(_ data: Data?) -> DashboardPreferences {
        guard let data, let prefs = try? JSONDecoder().decode(DashboardPreferences.self, from: data) else {
            return DashboardPreferences()
        }
        return prefs
    }

    /// The JSON stored, keys sorted so the file diffs cleanly.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}
