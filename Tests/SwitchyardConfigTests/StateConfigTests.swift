import SwitchyardConfig
import SwitchyardCore
import Testing

/// The `state:` section: where a fleet of replicas shares its state.
@Suite struct StateConfigTests {
    static let base = TracingConfigTests.base

    @Test func aDatabaseURLParsesAndMayComeFromTheEnvironment() throws {
        let (config, warnings) = try ConfigLoader.parse(
            yaml: Self.base + "\nstate: { database_url: \"${DATABASE_URL}\" }", file: "gw.yaml",
            environment: ["DATABASE_URL": "postgresql://gw@db:5432/gw"])
        #expect(warnings.isEmpty)
        #expect(config.state.databaseURL == "postgresql://gw@db:5432/gw")
        #expect(try ConfigLoader.parse(yaml: Self.base, file: "gw.yaml").0.state == StateConfig())
    }

    @Test func somethingElseThanAPostgreSQLURLIsRejectedWithItsPath() {
        let found = rejectionIssues(Self.base + "\nstate:\n  database_url: sqlite:///var/lib/gw.db\n")
        let issue = found.first { $0.path == "state.database_url" }
        #expect(issue?.message.contains("postgresql://user@host:port/database") == true, "\(found)")
        let typo = rejectionIssues(Self.base + "\nstate:\n  database: postgresql://gw@db/gw\n")
        #expect(typo.contains { $0.path == "state.database" }, "\(typo)")
    }

    @Test func theDatabaseDownPolicyDefaultsToFailClosed() throws {
        #expect(try ConfigLoader.parse(yaml: Self.base, file: "gw.yaml").0.state.onDatabaseDown == .failClosed)
        let open = try ConfigLoader.parse(yaml: Self.base + "\nstate: { on_database_down: fail_open }", file: "gw.yaml")
        #expect(open.0.state.onDatabaseDown == .failOpen)
    }

    @Test func anUnknownDatabaseDownPolicyIsRejectedWithItsPathAndLine() {
        let found = rejectionIssues(Self.base + "\nstate:\n  on_database_down: failopen\n")
        let issue = found.first { $0.path == "state.on_database_down" }
        #expect(issue?.message.contains("unknown policy 'failopen'; expected one of: fail_closed, fail_open") == true,
                "\(found)")
        #expect((issue?.line ?? 0) > 1, "\(found)")
    }
}
