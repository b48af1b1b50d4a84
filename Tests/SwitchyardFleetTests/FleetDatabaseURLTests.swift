import Testing
@testable import SwitchyardFleet

/// Database URLs: what they name, where the password and TLS mode come from, and what is refused.
@Suite struct FleetDatabaseURLTests {
    @Test func aFullURLNamesEveryPart() throws {
        let url = try FleetDatabaseURL(parsing: "postgresql://gate:s%40cret@db.internal:6432/switchyard?sslmode=require")
        #expect(url.host == "db.internal")
        #expect(url.port == 6432)
        #expect(url.user == "gate")
        #expect(url.password == "s@cret")
        #expect(url.database == "switchyard")
        #expect(url.sslMode == .require)
        #expect(url.description == "postgresql://gate@db.internal:6432/switchyard")
    }

    @Test func theEnvironmentFillsWhatTheURLLeavesOut() throws {
        let environment = ["PGPASSWORD": "from-env", "PGSSLMODE": "disable"]
        let bare = try FleetDatabaseURL(parsing: "postgres://gate@db/switchyard", environment: environment)
        #expect(bare.port == 5432)
        #expect(bare.password == "from-env")
        #expect(bare.sslMode == .disable)
        let explicit = try FleetDatabaseURL(parsing: "postgres://gate:url@db/switchyard?sslmode=verify-full",
                                            environment: environment)
        #expect(explicit.password == "url")
        #expect(explicit.sslMode == .verifyFull)
        #expect(try FleetDatabaseURL(parsing: "postgres://gate@db/switchyard").sslMode == .prefer)
    }

    @Test(arguments: [
        ("mysql://gate@db/switchyard", "must look like postgresql://"),
        ("postgresql://db/switchyard", "names no user"),
        ("postgresql://gate@db", "names no database"),
        ("postgresql://gate@db/switchyard?sslmode=sometimes", "sslmode 'sometimes' is not one of"),
        ("postgresql://gate@db/switchyard?timeout=3", "unknown parameter 'timeout'"),
        ("postgresql://gate:hunter2@/switchyard", "names no host"),
    ])
    func badURLsAreRefusedClearly(text: String, message: String) {
        let error = #expect(throws: FleetError.self) { try FleetDatabaseURL(parsing: text) }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("hunter2") == false)
    }
}
