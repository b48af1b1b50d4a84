/// The shipped themes: every file in `themes/`, compiled into the binary at build time (`EmbeddedThemes`), so the
/// binary works from any directory and the files are the one source.
enum BuiltinThemes {
    /// The order `t` cycles through the built-ins; a shipped theme not named here comes after them, by name.
    private static let order = ["default", "light", "high-contrast", "mono"]

    /// Built-in theme names in `t` cycling order.
    static let names: [String] = {
        let shipped = EmbeddedThemes.files.map(\.name)
        return order.filter(shipped.contains) + shipped.filter { !order.contains($0) }.sorted()
    }()

    /// The source text of a built-in theme.
    static func source(_ name: String) -> String? {
        EmbeddedThemes.files.first { $0.name == name }?.text
    }
}
