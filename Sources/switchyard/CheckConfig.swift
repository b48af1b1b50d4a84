import ArgumentParser
import SwitchyardConfig

/// `switchyard check-config FILE`: validates a gateway config, reporting every error with field path and line.
struct CheckConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a gateway configuration file; every error names its field path and line."
    )

    @Argument(help: "The YAML configuration file.")
    var file: String

    func run() throws {
        let config = try ConfigReporting.load(file)
        let catalog = config.catalog
        Console.out(
            "\(file): ok — \(catalog.providers.count) providers, \(catalog.models.count) models, "
                + "\(catalog.deployments.count) deployments, \(config.budgets.count) budgets; listens on \(config.listen)")
    }
}
