import ArgumentParser
import Foundation

/// `setup-litellm`: installs the LiteLLM proxy the overhead suite compares against into a local virtual environment.
struct SetupLiteLLM: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup-litellm",
        abstract: "Install litellm[proxy]==\(LiteLLMProxy.pinnedVersion) into \(LiteLLMProxy.defaultVenv) for the overhead comparison.",
        discussion: "Run from the package root (where the overhead suite looks for it). Needs python3 with venv and network access to PyPI."
    )

    @Option(help: "The python used to create the virtual environment.")
    var python = "python3"

    @Option(help: "The version of litellm[proxy] to install.")
    var version = LiteLLMProxy.pinnedVersion

    func run() async throws {
        let venv = URL(fileURLWithPath: LiteLLMProxy.defaultVenv).standardizedFileURL
        let pip = venv.appendingPathComponent("bin/pip").path
        let started = Stopwatch()
        if FileManager.default.isExecutableFile(atPath: pip) {
            print("setup-litellm: using the existing virtual environment \(venv.path)")
        } else {
            guard let interpreter = python.contains("/") ? Optional(python) : ChildProcess.which(python) else {
                throw BenchError("\(python) is not on PATH: install python3 (and python3-venv), or pass --python")
            }
            print("setup-litellm: \(interpreter) -m venv \(venv.path)")
            try Self.step(interpreter, ["-m", "venv", venv.path])
        }
        let requirement = "litellm[proxy]==\(version)"
        print("setup-litellm: \(pip) install '\(requirement)' (a few minutes: the proxy extras are many packages)")
        try Self.step(pip, ["install", "--disable-pip-version-check", requirement])
        let litellm = venv.appendingPathComponent("bin/litellm").path
        guard FileManager.default.isExecutableFile(atPath: litellm) else {
            throw BenchError("pip finished but \(litellm) is missing")
        }
        let installed = LiteLLMProxy.version(of: litellm)
        print(String(format: "setup-litellm: litellm %@ installed at %@ in %.0f s", installed, litellm, started.seconds))
        print("setup-litellm: `switchyard-bench overhead` now measures it beside Switchyard (run from this directory)")
    }

    /// Runs a set-up step with its output shown as it happens; throws when it fails.
    private static func step(_ executable: String, _ arguments: [String]) throws {
        // What this command printed so far must come before the step's own output.
        fflush(nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("\(URL(fileURLWithPath: executable).lastPathComponent) \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus)")
        }
    }
}
