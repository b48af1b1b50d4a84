/// Why a request body was rejected before any simulated work.
struct SimulatorRequestProblem: Error {
    var status: Int
    var message: String
}
