import Foundation
import SwitchyardTUI

/// The dashboard's preferences file (`dashboard.json` in the state directory): read once at start, written
/// atomically (a temporary file renamed over it) whenever the operator changes a preference.
struct PreferencesFile: Sendable {
    /// The file's path.
    let path: String

    /// What the file holds; the defaults when it is missing or does not parse.
    func load() -> DashboardPreferences {
        DashboardPreferences.decode(FileManager.default.contents(atPath: path))
    }

    /// Replaces the file with `preferences`, creating its directory.
    func save(_ preferences: DashboardPreferences) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try preferences.encoded().write(to: url, options: .atomic)
    }
}
