/// One problem found in a configuration file, located by field path and line.
public struct ConfigIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    public var file: String
    /// 1-based line and column; 0 when the problem has no location (an empty file).
    public var line: Int
    public var column: Int
    /// Field path such as `models[0].deployments[1].weight`; empty for the document itself.
    public var path: String
    public var message: String

    public init(severity: Severity = .error, file: String, line: Int, column: Int, path: String, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `file:line:column: error: path: message`, the form editors and terminals link.
    public var description: String {
        let location = line > 0 ? "\(file):\(line):\(column)" : file
        let field = path.isEmpty ? "" : "\(path): "
        return "\(location): \(severity.rawValue): \(field)\(message)"
    }
}

/// Every error found in a configuration (loading reports them all at once, not only the first).
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    public var issues: [ConfigIssue]

    public init(issues: [ConfigIssue]) { self.issues = issues }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
