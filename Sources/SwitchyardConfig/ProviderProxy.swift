/// A provider's own proxy setting (`proxy:`), over the environment's.
public enum ProviderProxy: Sendable, Hashable {
    /// `direct`: never through a proxy, whatever the environment says.
    case direct
    /// A proxy URL: always through it, whatever `NO_PROXY` says.
    case via(ProxyURL)
}
