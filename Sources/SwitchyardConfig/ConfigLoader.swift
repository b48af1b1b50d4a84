import Foundation
import SwitchyardCore
import Yams

/// Loads and validates the gateway's YAML configuration, reporting every problem with its field path and line.
public enum ConfigLoader {
    /// Largest configuration file read: real ones are kilobytes, and parsing a huge one would take minutes and
    /// gigabytes before saying anything.
    public static let maxFileBytes = 4 << 20

    /// Reads and validates the file at `path`. Throws `ConfigErrors` listing every error.
    /// `catalog` prices deployments that set no price; nil means the built-in catalog. `environment` fills the
    /// file's `${VAR}` references (`EnvironmentSubstitution`).
    public static func load(
        path: String, catalog: PriceCatalog? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (config: GatewayConfig, warnings: [ConfigIssue]) {
        let text: String
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            let data = try handle.read(upToCount: maxFileBytes + 1) ?? Data()
            guard data.count <= maxFileBytes else { throw ConfigErrors(issues: [tooLarge(file: path)]) }
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw ConfigErrors(issues: [
                    ConfigIssue(file: path, line: 0, column: 0, path: "", message: "the file is not UTF-8 text"),
                ])
            }
            text = decoded
        } catch let errors as ConfigErrors {
            throw errors
        } catch {
            throw ConfigErrors(issues: [
                ConfigIssue(file: path, line: 0, column: 0, path: "", message: "cannot read the file: \(error.localizedDescription)"),
            ])
        }
        return try parse(yaml: text, file: path, catalog: catalog, environment: environment)
    }

    /// Validates YAML text; `file` names it in messages; `catalog` as for `load`.
    public static func parse(
        yaml: String, file: String, catalog: PriceCatalog? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (config: GatewayConfig, warnings: [ConfigIssue]) {
        guard yaml.utf8.count <= maxFileBytes else { throw ConfigErrors(issues: [tooLarge(file: file)]) }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw ConfigErrors(issues: [ConfigIssue(file: file, line: 0, column: 0, path: "", message: "the file is empty")])
            }
            root = node
        } catch let error as YamlError {
            throw ConfigErrors(issues: [syntaxIssue(error, file: file, yaml: yaml)])
        }
        var walker = YAMLWalker(file: file)
        let expanded = EnvironmentSubstitution.expand(root, path: "", environment: environment, walker: &walker)
        var prices = catalog
        if prices == nil {
            do {
                prices = try PriceCatalog.builtIn
            } catch {
                // Without the catalog every deployment lacking a price is unknown cost; say why, keep loading.
                walker.warning(nil, "prices", "\(error); models without a configured price have unknown cost")
            }
        }
        let config = GatewayConfigReader.read(expanded, catalog: prices, environment: environment, walker: &walker)
        let errors = walker.issues.filter { $0.severity == .error }
        guard errors.isEmpty, let config else {
            throw ConfigErrors(issues: errors.isEmpty ? walker.issues : errors)
        }
        return (config, walker.issues.filter { $0.severity == .warning })
    }

    private static func tooLarge(file: String) -> ConfigIssue {
        ConfigIssue(file: file, line: 0, column: 0, path: "",
                    message: "the file is larger than \(maxFileBytes >> 20) MB; a configuration that large is refused unread")
    }

    private static func syntaxIssue(_ error: YamlError, file: String, yaml: String) -> ConfigIssue {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if isTab(at: mark, in: yaml) {
                return ConfigIssue(file: file, line: mark.line, column: mark.column, path: "",
                                   message: "YAML syntax: a tab; YAML indents with spaces only, so replace the tab with spaces")
            }
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return ConfigIssue(file: file, line: mark.line, column: mark.column, path: "", message: "YAML syntax: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigIssue(
                file: file, line: context.mark.line, column: context.mark.column, path: "",
                message: "duplicate keys: \(duplicates.joined(separator: ", "))"
            )
        default:
            return ConfigIssue(file: file, line: 0, column: 0, path: "", message: "YAML: \(error)")
        }
    }

    /// Whether the character the parser stopped at (1-based line and column) is a tab.
    private static func isTab(at mark: Mark, in yaml: String) -> Bool {
        var lineNumber = 1
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { lineNumber += 1 }
            guard lineNumber == mark.line else { continue }
            let characters = Array(line)
            return mark.column >= 1 && mark.column <= characters.count && characters[mark.column - 1] == "\t"
        }
        return false
    }
}
