import Foundation

/// Percent-encoding of names put into URLs, by the control API's clients and by upstream paths alike.
public enum PercentEncoding {
    /// Everything but RFC 3986's unreserved characters encoded, so a name is one path segment or one query value
    /// whatever it holds ("/", "?", "&", "%", spaces).
    public static func component(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return set
    }()
}
