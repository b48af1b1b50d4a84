import ArgumentParser
import Foundation
import SwitchyardCore
import SwitchyardTUI

/// Cost of one dashboard frame (render + diff) by terminal size and catalog size, and the CPU share of a
/// running dashboard.
struct RenderBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Dashboard frame cost (render + cell diff), instructions per frame, CPU of a running dashboard."
    )

    @OptionGroup var suite: SuiteOptions

    @Option(help: .hidden) var frames: Int?
    @Option(help: .hidden) var size = "120x40"
    @Option(help: .hidden) var deployments = 12

    func run() async throws {
        if let frames {
            // The callgrind mode: the same set-up as the suite, then exactly `frames` frames.
            let (w, h) = try parseSize(size)
            let workload = try await RenderWorkload.make(deployments: deployments, seconds: trafficSeconds)
            let totals = workload.renderFrames(frames, width: w, height: h)
            print("frames \(totals.frames) checksum \(totals.checksum)")
            return
        }
        try await runSuite()
    }

    /// Simulated seconds of traffic before measuring: enough for the 60-point series and the 10 s rate window.
    private var trafficSeconds: Int { suite.smoke ? 12 : 70 }

    private func runSuite() async throws {
        let sizes = [(120, 40), (200, 60)]
        let catalogSizes = [12, 100]
        let measured = suite.smoke ? 20 : 400
        let warmup = suite.smoke ? 3 : 40
        var callgrind = CallgrindProbe.find()
        var callgrindNote = callgrind == nil ? "valgrind is not installed: instructions per frame skipped" : nil
        if let reason = callgrind?.unusableReason() {
            callgrind = nil
            callgrindNote = "\(reason): instructions per frame skipped"
        }
        var table = ResultTable(header: [
            "size", "deployments", "µs/frame (median)", "µs/frame (p90)", "cells changed/frame",
            callgrind == nil ? "Ir/frame (skipped)" : "Ir/frame (callgrind)",
        ])
        for catalogSize in catalogSizes {
            let workload = try await RenderWorkload.make(deployments: catalogSize, seconds: trafficSeconds)
            for (w, h) in sizes {
                try check(workload, width: w, height: h)
                var state = workload.initialState(width: w, height: h)
                var previous = CellGrid(width: w, height: h)
                var totals = RenderWorkload.Totals()
                for i in 0..<warmup { workload.frame(i, state: &state, previous: &previous, totals: &totals) }
                totals = RenderWorkload.Totals()
                var micros: [Double] = []
                micros.reserveCapacity(measured)
                for i in 0..<measured {
                    let watch = Stopwatch()
                    workload.frame(warmup + i, state: &state, previous: &previous, totals: &totals)
                    micros.append(watch.seconds * 1e6)
                }
                micros.sort()
                var ir = "-"
                // Smoke runs count instructions for the first row only, to check that the machinery works.
                if let callgrind, !suite.smoke || table.rows.isEmpty {
                    let perFrame = try callgrind.instructionsPerFrame(
                        width: w, height: h, deployments: catalogSize, smoke: suite.smoke,
                        many: suite.smoke ? 3 : 201)
                    guard perFrame > 0 else { throw ValidationError("callgrind counted no instructions per frame") }
                    ir = fmt(perFrame)
                }
                table.rows.append([
                    "\(w)×\(h)", "\(workload.deployments)", fmt(micros[micros.count / 2]),
                    fmt(micros[min(micros.count - 1, micros.count * 9 / 10)]),
                    fmt(Double(totals.changedCells) / Double(max(1, totals.frames))), ir,
                ])
            }
        }
        print("render: Renderer.render + CellGrid.diff per frame, a new snapshot every frame (\(trafficSeconds) s of")
        print("simulated traffic first)" + (callgrind == nil ? "\n" : "; Ir = (Ir(N frames) − Ir(1 frame)) / (N − 1) under callgrind, N = \(suite.smoke ? 3 : 201)\n"))
        print(table.render())
        if let callgrindNote { print("\n" + callgrindNote) }
        print("")
        try reportCPU()
    }

    /// Renders one frame and checks it looks like the dashboard, so a broken renderer fails the suite loudly.
    private func check(_ workload: RenderWorkload, width: Int, height: Int) throws {
        guard workload.snapshots.count >= 2 else { throw ValidationError("the workload took no snapshots") }
        var state = workload.initialState(width: width, height: height)
        state.snapshot = workload.snapshots[0]
        let grid = Renderer.render(state, glyphs: .unicode)
        let text = grid.textDump()
        for title in ["switchyard", "1 Providers", "2 Latency", "5 Budget", "6 Requests", "model-0"] where !text.contains(title) {
            throw ValidationError("the \(width)×\(height) frame lacks '\(title)':\n\(text)")
        }
        guard grid.diff(from: grid).isEmpty else { throw ValidationError("a frame differs from itself") }
        state.snapshot = workload.snapshots[1]
        guard !Renderer.render(state, glyphs: .unicode).diff(from: grid).isEmpty else {
            throw ValidationError("a new snapshot changed nothing on screen")
        }
    }

    /// CPU share of the real dashboard at 4 frames/s with light demo traffic.
    private func reportCPU() throws {
        guard let binary = ChildProcess.sibling("switchyard") else {
            print("dashboard CPU: skipped, no switchyard binary beside this one (swift build -c release first)")
            return
        }
        guard ChildProcess.which("tmux") != nil else {
            print("dashboard CPU: skipped, tmux is not installed")
            return
        }
        let seconds = suite.smoke ? 2.0 : 20.0
        let share = try DashboardCPUProbe(binary: binary)
            .share(fps: 4, rate: 1, warmup: suite.smoke ? 1.5 : 3, seconds: seconds)
        print(String(format: "dashboard CPU at 4 frames/s, --rate 1, 120×40: %.1f%% of one core over %.0f s", share * 100, seconds))
        print("(the whole switchyard process: embedded engine, simulated upstreams and demo traffic included)")
    }

    private func parseSize(_ s: String) throws -> (Int, Int) {
        let parts = s.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] > 0 else { throw ValidationError("--size must be WxH, got \(s)") }
        return (parts[0], parts[1])
    }

    private func fmt(_ v: Double) -> String {
        if v >= 1e6 { return String(format: "%.2fM", v / 1e6) }
        if v >= 1e4 { return String(format: "%.0fk", v / 1e3) }
        return v >= 100 ? String(Int(v.rounded())) : String(format: "%.1f", v)
    }
}
