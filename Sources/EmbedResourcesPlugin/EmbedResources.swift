import Foundation
import PackagePlugin

/// Compiles the price catalog (into SwitchyardConfig) and the shipped themes (into SwitchyardTUI) into the
/// binary from their one source each, so a binary copied anywhere alone still knows its prices and themes.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let package = context.package.directoryURL
        let files: [URL]
        let name: String
        switch target.name {
        case "SwitchyardConfig":
            files = [package.appending(path: "Sources/SwitchyardConfig/Resources/model-prices.json")]
            name = "EmbeddedPrices"
        case "SwitchyardTUI":
            let themes = package.appending(path: "themes")
            files = try FileManager.default.contentsOfDirectory(atPath: themes.path)
                .filter { $0.hasSuffix(".theme") }
                .sorted()
                .map { themes.appending(path: $0) }
            name = "EmbeddedThemes"
        default:
            return []
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "\(name).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.map(\.lastPathComponent).joined(separator: ", ")) in \(target.name)",
                executable: try context.tool(named: "switchyard-embed").url,
                arguments: [output.path, name] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output])
        ]
    }
}
