/// Thrown by a response body after it dropped the connection on purpose, so the server stops writing.
struct SimulatorConnectionDropped: Error {}
