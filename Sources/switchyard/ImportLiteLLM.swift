import ArgumentParser
import Foundation
import SwitchyardConfig

/// `switchyard import-litellm FILE`: prints the Switchyard config equivalent to a LiteLLM proxy config.
struct ImportLiteLLM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-litellm",
        abstract: "Translate a LiteLLM proxy config into a Switchyard config, printed on stdout.",
        discussion: """
            model_list becomes providers, model groups and deployments; router_settings become strategies, \
            fallbacks and timeouts; max_budget a global budget. What has no Switchyard counterpart is written \
            as a `# not mapped:` comment. Keys written into the LiteLLM file are never copied: the config names \
            an environment variable to export instead.

            Examples:
              switchyard import-litellm litellm_config.yaml > gateway.yaml
              switchyard import-litellm proxy_config.yaml | less
            """)

    @Argument(help: "The LiteLLM proxy config (YAML).")
    var file: String

    func run() throws {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            guard data.count <= ConfigLoader.maxFileBytes, let decoded = String(data: data, encoding: .utf8) else {
                Console.error("switchyard: \(file): not a YAML file (not UTF-8 text, or larger than \(ConfigLoader.maxFileBytes >> 20) MB)")
                throw ExitCode.failure
            }
            text = decoded
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error("switchyard: \(file): cannot read the file: \(error.localizedDescription)")
            throw ExitCode.failure
        }
        let result: LiteLLMImportResult
        do {
            result = try LiteLLMImport.translate(yaml: text, file: file)
        } catch {
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
        Console.out(result.yaml.hasSuffix("\n") ? String(result.yaml.dropLast()) : result.yaml)
        if !result.notes.isEmpty {
            let n = result.notes.count
            Console.error("switchyard: \(n) setting\(n == 1 ? "" : "s") of \(file) not mapped; see the `# not mapped:` comments")
        }
        if !result.keysToExport.isEmpty {
            Console.error("switchyard: keys were written in \(file) and are not copied; export \(result.keysToExport.joined(separator: ", ")) before serving")
        }
    }
}
