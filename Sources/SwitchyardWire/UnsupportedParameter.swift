/// A request parameter the gateway does not serve, named for the client: where it is in the body and why.
public struct UnsupportedParameter: Hashable, Sendable {
    /// The parameter, as the client's API names it (`previous_response_id`, `tools[1].type`, `cachedContent`).
    public var param: String
    /// The message for the client.
    public var message: String

    /// Creates a value from its members.
    public init(param: String, message: String) {
        self.param = param
        self.message = message
    }
}
