import SwitchyardConfig
import Testing

@Suite struct ResponsesConfigTests {
    @Test func offByDefaultAndThirtyDaysWhenOn() throws {
        #expect(try ConfigLoader.parse(yaml: TracingConfigTests.base, file: "gw.yaml").config.responses.store == false)
        let on = try ConfigLoader.parse(yaml: TracingConfigTests.base + "\nresponses: { store: true }", file: "gw.yaml")
        #expect(on.config.responses == ResponsesConfig(store: true, retention: 30 * 86_400))
        let short = try ConfigLoader.parse(
            yaml: TracingConfigTests.base + "\nresponses: { store: true, retention: 12h }", file: "gw.yaml")
        #expect(short.config.responses.retention == 12 * 3_600)
    }

    @Test(arguments: ["0s", "-1d", "soon", "3651d"])
    func aBadRetentionNamesTheFieldAndLine(retention: String) {
        let found = rejectionIssues(TracingConfigTests.base + "\nresponses:\n  store: true\n  retention: \(retention)\n")
        let issue = found.first { $0.path == "responses.retention" }
        #expect(issue?.message.contains("got '\(retention)'") == true, "\(found)")
        #expect(issue?.line == 8, "\(found)")
    }

    @Test func aTypoGetsASuggestion() {
        let found = rejectionIssues(TracingConfigTests.base + "\nresponses: { stor: true }")
        #expect(found.contains { $0.path == "responses.stor" && $0.message.contains("did you mean 'store'?") }, "\(found)")
    }
}
