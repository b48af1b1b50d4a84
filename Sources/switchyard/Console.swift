import Foundation

/// The CLI's own output. A reader that went away (`ctl status | head`) ends the program as it ends any Unix
/// tool, by SIGPIPE, rather than by a trap on the failed write.
enum Console {
    static func out(_ line: String) {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8))
        } catch {
            // The networking libraries ignore SIGPIPE for their sockets; put it back to end the process.
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
            exit(141)
        }
    }

    static func error(_ line: String) {
        try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
    }
}
