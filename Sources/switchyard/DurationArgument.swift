import ArgumentParser
import SwitchyardCore

/// A duration flag read with the config's grammar (`500ms`, `30s`, `1m30s`, `1h`), at most a day; a value
/// that is not one is a usage error before anything runs.
struct DurationArgument: ExpressibleByArgument, Sendable {
    let seconds: Double
    let text: String

    /// A default, written as the help shows it.
    init(seconds: Double, text: String) {
        self.seconds = seconds
        self.text = text
    }

    init?(argument: String) {
        guard let seconds = DurationText.seconds(argument), seconds >= 0,
              seconds <= InputBounds.durationSeconds.upperBound else { return nil }
        self.seconds = seconds
        text = argument
    }

    var defaultValueDescription: String { text }
}
