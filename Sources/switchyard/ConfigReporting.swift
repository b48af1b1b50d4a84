import ArgumentParser
import Foundation
import SwitchyardConfig

/// Loads a config for a command, printing every problem to stderr; exits 1 when it is unusable.
enum ConfigReporting {
    static func load(_ path: String) throws -> GatewayConfig {
        do {
            let (config, warnings) = try ConfigLoader.load(path: path)
            for warning in warnings { Console.error(warning.description) }
            let environment = ProcessInfo.processInfo.environment
            let problems = config.providerKeys(environment: environment).problems
                + config.awsCredentials(environment: environment).problems
            for problem in problems {
                Console.error("\(path): warning: \(problem)")
            }
            do {
                _ = try ProxyEnvironment(environment: ProcessInfo.processInfo.environment)
            } catch {
                Console.error("switchyard: \(error)")
                throw ExitCode.failure
            }
            return config
        } catch let errors as ConfigErrors {
            for issue in errors.issues { Console.error(issue.description) }
            let count = errors.issues.filter { $0.severity == .error }.count
            Console.error("switchyard: \(path): \(count) error\(count == 1 ? "" : "s")")
            throw ExitCode.failure
        }
    }
}
