import Testing
@testable import SwitchyardConfig
import SwitchyardCore

@Suite struct EnvironmentSubstitutionTests {
    static let environment = ["SIM_URL": "http://127.0.0.1:8001", "EMPTY": "", "LIMIT": "25", "A_1": "x"]

    @Test(arguments: [
        ("plain", "plain"),
        ("${SIM_URL}/v1", "http://127.0.0.1:8001/v1"),
        ("${SIM_URL:-http://other}", "http://127.0.0.1:8001"),
        ("${MISSING:-http://fallback:80}", "http://fallback:80"),
        ("${EMPTY:-default}", "default"),
        ("${MISSING:-}", ""),
        ("${A_1}${A_1}-${LIMIT}", "xx-25"),
        ("cost $5 and $$ stay", "cost $5 and $$ stay"),
        ("$${SIM_URL} is literal", "${SIM_URL} is literal"),
        ("trailing $", "trailing $"),
    ])
    func expands(_ text: String, _ expected: String) {
        #expect(EnvironmentSubstitution.expand(text, environment: Self.environment) == .success(expected))
    }

    @Test(arguments: [
        ("${MISSING}", "environment variable MISSING is not set; set it, or give a default with ${MISSING:-default}"),
        ("${SIM_URL", "'${' without a closing '}'"),
        ("${1BAD}", "'${1BAD}' is not a variable reference"),
        ("${}", "'${}' is not a variable reference"),
        ("${A B}", "'${A B}' is not a variable reference"),
    ])
    func refuses(_ text: String, _ message: String) throws {
        guard case .failure(let problem) = EnvironmentSubstitution.expand(text, environment: Self.environment) else {
            Issue.record("\(text) expanded")
            return
        }
        #expect(problem.message.hasPrefix(message), "\(problem.message)")
    }

    static let yaml = """
        listen: ${LISTEN:-127.0.0.1:4000}
        providers:
          - { name: sim, kind: openai-compatible, base_url: "${SIM_URL}/v1", timeouts: { connect: "${CONNECT:-2s}" } }
        models:
          - name: chat
            deployments: [{ provider: sim, model: m, weight: "${WEIGHT:-3}" }]
        budgets:
          - { scope: global, limit: "${LIMIT}" }
        """

    @Test func everyValueOfTheFileCanComeFromTheEnvironment() throws {
        let (config, _) = try ConfigLoader.parse(yaml: Self.yaml, file: "gw.yaml", environment: Self.environment)
        #expect(config.providers.first?.spec.baseURL == "http://127.0.0.1:8001/v1")
        #expect(config.listen.port == 4000)
        #expect(config.deployments.first?.weight == 3)
        #expect(config.budgets.first?.limit == 25)
    }

    @Test func anUnsetVariableIsAnErrorAtItsFieldAndLine() throws {
        var environment = Self.environment
        environment["SIM_URL"] = nil
        let issues = rejectionIssues(Self.yaml, environment: environment)
        let issue = try #require(issues.first { $0.path == "providers[0].base_url" }, "\(issues)")
        #expect(issue.line == 3)
        #expect(issue.message.contains("SIM_URL is not set"))
    }
}
