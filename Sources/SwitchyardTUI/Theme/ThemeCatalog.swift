import Foundation

/// Finds themes by name or path: the built-ins, `./themes/NAME.theme`, or any `.theme` file.
public enum ThemeCatalog {
    /// Built-in theme names, in the order `t` cycles through them.
    public static var builtinNames: [String] { BuiltinThemes.names }

    /// A built-in theme by name (parsing the compiled-in text).
    public static func builtin(_ name: String) -> Theme? {
        guard let source = BuiltinThemes.source(name) else { return nil }
        return try? ThemeParser.parse(source, name: name, file: "themes/\(name).theme")
    }

    /// The compiled-in text of a built-in theme.
    public static func builtinSource(_ name: String) -> String? { BuiltinThemes.source(name) }

    /// Resolves `--theme NAME|PATH` (a path when it contains "/" or ends in ".theme"); `NO_COLOR` forces mono.
    public static func resolve(_ spec: String?, environment: [String: String]) throws(ThemeError) -> Theme {
        // A bad --theme is reported even under NO_COLOR, so a typo does not go unnoticed until colour is back.
        let requested = try named(spec)
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty, let mono = builtin("mono") { return mono }
        return requested
    }

    private static func named(_ spec: String?) throws(ThemeError) -> Theme {
        guard let spec, !spec.isEmpty else { return builtin("default") ?? Theme(name: "default", roles: [:]) }
        if spec.contains("/") || spec.hasSuffix(".theme") { return try load(path: spec) }
        let local = "themes/\(spec).theme"
        if FileManager.default.fileExists(atPath: local) { return try load(path: local, name: spec) }
        if let theme = builtin(spec) { return theme }
        throw ThemeError(
            file: spec, line: 0,
            message: "unknown theme; built-in themes: \(builtinNames.joined(separator: ", "))")
    }

    /// Reads and parses a theme file.
    public static func load(path: String, name: String? = nil) throws(ThemeError) -> Theme {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw ThemeError(file: path, line: 0, message: "cannot read theme file") }
        let base = name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try ThemeParser.parse(text, name: base, file: path)
    }
}
