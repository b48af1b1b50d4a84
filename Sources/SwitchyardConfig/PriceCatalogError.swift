/// Why a price catalog could not be loaded; the message names the entry at fault.
public struct PriceCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "price catalog: \(message)" }
}
