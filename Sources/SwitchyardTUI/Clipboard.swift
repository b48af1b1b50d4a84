import Foundation

/// Copying to the clipboard of the terminal the dashboard runs in, wherever that is (over ssh, inside tmux):
/// the OSC 52 escape sequence, which the terminal itself acts on.
public enum Clipboard {
    /// `ESC ] 52 ; c ; <base64 of text> BEL`.
    public static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
    }
}
