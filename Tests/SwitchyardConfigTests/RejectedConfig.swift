import Testing
@testable import SwitchyardConfig

/// Parses `yaml` expecting it to be rejected; returns every issue it was rejected with.
func rejectionIssues(_ yaml: String, environment: [String: String] = [:]) -> [ConfigIssue] {
    do {
        _ = try ConfigLoader.parse(yaml: yaml, file: "bad.yaml", environment: environment)
        Issue.record("expected the config to be rejected")
        return []
    } catch let error as ConfigErrors {
        return error.issues
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}
