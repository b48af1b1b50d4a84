import ArgumentParser
import Foundation

/// Instructions per frame, counted by valgrind's callgrind: repeatable where wall time is noisy.
/// The bench re-runs itself in its hidden `--frames N` mode for two values of N; the difference cancels
/// start-up and the simulated traffic that fills the windows, leaving the frames alone.
struct CallgrindProbe {
    let valgrind: String

    /// The probe, or nil when valgrind is not installed.
    static func find() -> CallgrindProbe? { ChildProcess.which("valgrind").map(CallgrindProbe.init) }

    /// Nil when valgrind can run this binary at all (its `--help`); otherwise why not. Some valgrind releases
    /// crash on the Swift runtime; that is a missing tool, not a broken benchmark.
    func unusableReason() -> String? {
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", ChildProcess.selfPath, "--help"])
        } catch {
            return "cannot start valgrind: \(error)"
        }
        guard outcome.status != 0 else { return nil }
        let version = (try? ChildProcess.run([valgrind, "--version"]).output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? "valgrind"
        let why = outcome.output.split(separator: "\n").first { $0.contains("INTERNAL ERROR") || $0.contains("impossible") }
        return "\(version) cannot run this binary (\(why.map { String($0.drop { $0 == "-" || $0.isNumber }) .trimmingCharacters(in: .whitespaces) } ?? "status \(outcome.status)"))"
    }

    /// (Ir(`many`) − Ir(`few`)) / (`many` − `few`) for frames at `width` × `height` over `deployments`.
    func instructionsPerFrame(
        width: Int, height: Int, deployments: Int, smoke: Bool, few: Int = 1, many: Int = 201
    ) throws -> Double {
        let a = try instructions(frames: few, width: width, height: height, deployments: deployments, smoke: smoke)
        let b = try instructions(frames: many, width: width, height: height, deployments: deployments, smoke: smoke)
        return Double(b - a) / Double(many - few)
    }

    private func instructions(frames: Int, width: Int, height: Int, deployments: Int, smoke: Bool) throws -> Int {
        let out = FileManager.default.temporaryDirectory
            .appendingPathComponent("switchyard-bench-\(getpid())-\(frames).callgrind").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        var arguments = [
            valgrind, "--tool=callgrind", "--callgrind-out-file=\(out)",
            ChildProcess.selfPath, "render", "--frames", "\(frames)", "--size", "\(width)x\(height)",
            "--deployments", "\(deployments)",
        ]
        if smoke { arguments.append("--smoke") }
        let outcome = try ChildProcess.run(arguments)
        guard outcome.status == 0 else {
            throw ValidationError("callgrind run failed (status \(outcome.status)):\n\(outcome.output.suffix(2_000))")
        }
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        // The profile ends with "summary: <Ir>" (older valgrind: "totals: <Ir>").
        for line in text.split(separator: "\n").reversed() where line.hasPrefix("summary:") || line.hasPrefix("totals:") {
            if let value = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) { return value }
        }
        throw ValidationError("no instruction total in the callgrind profile; valgrind said:\n\(outcome.output.suffix(2_000))")
    }
}
