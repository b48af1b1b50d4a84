/// Who may steer the gateway over the control socket.
public enum PeerAccess {
    /// Allowed: the gateway's own uid, and root. Denied: any other uid, or a peer whose uid is unknown.
    public static func allows(peerUID: UInt32?, serverUID: UInt32) -> Bool {
        guard let peerUID else { return false }
        return peerUID == serverUID || peerUID == 0
    }
}
