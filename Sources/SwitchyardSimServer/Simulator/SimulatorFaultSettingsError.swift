/// Why fault settings were rejected.
public enum SimulatorFaultSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A field is out of range or unknown; the text says which.
    case invalid(String)

    /// A message for the admin client.
    public var description: String {
        switch self {
        case .invalid(let message): message
        }
    }
}
