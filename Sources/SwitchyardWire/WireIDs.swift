/// Derives one API's id style from the other's, so translated responses stay traceable to the upstream id.
public enum WireIDs {
    /// `msg_abc` → `chatcmpl-abc`.
    public static func completionID(fromMessageID id: String) -> String {
        "chatcmpl-" + (id.hasPrefix("msg_") ? String(id.dropFirst(4)) : id)
    }

    /// `chatcmpl-abc` → `msg_abc`.
    public static func messageID(fromCompletionID id: String) -> String {
        "msg_" + (id.hasPrefix("chatcmpl-") ? String(id.dropFirst(9)) : id)
    }
}
