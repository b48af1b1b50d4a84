import Foundation

/// The LiteLLM proxy as the comparison gateway: one worker, no database, logging and telemetry off, one model
/// pointing at the same simulated upstream Switchyard uses.
final class LiteLLMProxy {
    /// The version the benchmark installs and is documented against.
    static let pinnedVersion = "1.108.7"
    /// Where `setup-litellm` creates its virtual environment, relative to the working directory.
    static let defaultVenv = ".venv-litellm"
    /// The master key the proxy is started with (it refuses to start without one); requests carry it.
    static let masterKey = "sk-litellm-bench"

    let process: Subprocess
    let url: String
    let version: String

    /// The `litellm` executable of the default virtual environment, if `setup-litellm` has run here.
    static func installed() -> String? {
        let path = URL(fileURLWithPath: defaultVenv).appendingPathComponent("bin/litellm").path
        return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path).standardizedFileURL.path : nil
    }

    /// Starts `executable` in front of `upstream` (an OpenAI-compatible base URL, without /v1) serving `model`,
    /// and waits until it answers its liveness probe.
    init(executable: String, upstream: String, model: String, scratch: URL, startTimeout: Double = 180) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchError("LiteLLM: \(executable) is not an executable (switchyard-bench setup-litellm installs it)")
        }
        version = Self.version(of: executable)
        let config = scratch.appendingPathComponent("litellm.yaml")
        try Self.config(upstream: upstream, model: model).write(to: config, atomically: true, encoding: .utf8)
        let port = try HTTPProbe.freePort()
        url = "http://127.0.0.1:\(port)"
        process = try Subprocess(
            executable, ["--config", config.path, "--host", "127.0.0.1", "--port", "\(port)", "--num_workers", "1"],
            environment: [
                "LITELLM_MASTER_KEY": Self.masterKey, "LITELLM_LOG": "ERROR", "LITELLM_TELEMETRY": "False",
                "DISABLE_ADMIN_UI": "True", "NO_DOCS": "True", "PYTHONUNBUFFERED": "1",
                // The bundled price map: no download at start-up.
                "LITELLM_LOCAL_MODEL_COST_MAP": "True",
            ],
            // No database: spend logs, keys and budgets stay off, as in the published single-worker figure.
            unsetting: ["DATABASE_URL", "DIRECT_URL"]
        )
        let deadline = Date().addingTimeInterval(startTimeout)
        while true {
            if let probe = try? HTTPProbe.send("GET", url + "/health/liveliness", timeout: 2), probe.status == 200 { break }
            guard process.process.isRunning else {
                throw BenchError("LiteLLM exited (status \(process.process.terminationStatus)) before answering:\n\(process.output.suffix(3_000))")
            }
            guard Date() < deadline else {
                process.stop()
                throw BenchError("LiteLLM did not answer /health/liveliness within \(Int(startTimeout)) s:\n\(process.output.suffix(3_000))")
            }
            Thread.sleep(forTimeInterval: 0.25)
        }
    }

    deinit { process.stop() }

    /// The proxy configuration: `model` routed to the upstream through LiteLLM's OpenAI provider.
    static func config(upstream: String, model: String) -> String {
        """
        model_list:
          - model_name: \(model)
            litellm_params:
              model: openai/\(model)
              api_base: "\(upstream)/v1"
              api_key: "sk-upstream-bench"
        litellm_settings:
          set_verbose: false
          json_logs: false
          telemetry: false
          turn_off_message_logging: true
          disable_end_user_cost_tracking: true
        general_settings:
          master_key: "\(masterKey)"
          disable_spend_logs: true
          disable_error_logs: true
        """
    }

    /// The installed litellm version, read with the virtual environment's own python; "unknown" without one.
    static func version(of executable: String) -> String {
        let python = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("python").path
        guard FileManager.default.isExecutableFile(atPath: python),
              let outcome = try? ChildProcess.run([python, "-c", "import importlib.metadata as m; print(m.version('litellm'))"]),
              outcome.status == 0 else { return "unknown" }
        return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops the proxy.
    func stop() { process.stop() }
}
