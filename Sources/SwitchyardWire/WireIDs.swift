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

extension WireIDs {
    /// `chatcmpl-abc` → `resp_abc`, the id of the Responses object made from that completion.
    public static func responseID(fromCompletionID id: String) -> String {
        "resp_" + bare(id)
    }

    /// `chatcmpl-abc` → `msg_abc`, the id of the message item in that response.
    public static func outputMessageID(fromCompletionID id: String) -> String {
        "msg_" + bare(id)
    }

    /// `call_abc` → `fc_abc`, the id of the function call item carrying that call.
    public static func functionCallItemID(fromCallID id: String) -> String {
        "fc_" + (id.hasPrefix("call_") ? String(id.dropFirst(5)) : id)
    }

    private static func bare(_ completionID: String) -> String {
        completionID.hasPrefix("chatcmpl-") ? String(completionID.dropFirst(9)) : completionID
    }
}
