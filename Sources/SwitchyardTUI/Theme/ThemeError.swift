/// A problem in a theme file, located by file and line.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The theme file (or name) at fault.
    public var file: String
    /// 1-based; 0 when the problem is not on one line (e.g. the file is missing).
    public var line: Int
    /// What is wrong.
    public var message: String

    /// An error at `file`:`line`.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
