import ArgumentParser
import SwitchyardConfig

/// `switchyard check-config FILE`: validates a gateway config, reporting every error with field path and line.
struct CheckConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a gateway configuration file; every error names its field path and line.",
        discussion: """
            Examples:
              switchyard check-config gateway.yaml
              SIM_URL=http://127.0.0.1:18001 switchyard check-config gateway.yaml
            """)

    @Argument(help: "The YAML configuration file.")
    var file: String

    func run() throws {
        let config = try ConfigReporting.load(file)
        let catalog = config.catalog
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        Console.out(
            "\(file): ok — \(count(catalog.providers.count, "provider")), \(count(catalog.models.count, "model")), "
                + "\(count(catalog.deployments.count, "deployment")), \(count(config.teams.count, "team")), "
                + "\(count(config.budgets.count, "budget")); "
                + "listens on \(config.listen); auth \(config.policy.auth.rawValue), budgets reset in \(config.policy.timeZone)")
        let dated = config.catalogPricesTakenOn.map { " (built-in catalog prices taken on \($0))" } ?? " (built-in catalog unavailable)"
        Console.out("prices per deployment\(dated):")
        for line in config.priceReport() { Console.out("  \(line)") }
        let unknown = config.unpricedDeployments.count
        if unknown > 0 {
            Console.out("\(unknown) deployment\(unknown == 1 ? "" : "s") of unknown cost (never counted as free): add price: or a prices: entry")
        }
    }
}
