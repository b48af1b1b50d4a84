/// Why command-line options could not be read.
public enum SimulatorOptionsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The flag and the value it could not use.
    case badValue(String, String)

    /// A message for the command line.
    public var description: String {
        switch self {
        case .badValue(let flag, let value): "bad value for \(flag): \(value)"
        }
    }
}
