import ArgumentParser
import Testing
@testable import switchyard

/// Every command's `--help` ends with examples, each short enough not to wrap in an 80-column terminal and each a
/// command line the parser accepts as written, so they paste cleanly.
@Suite struct CommandHelpTests {
    /// Every command under `switchyard`, with the words that name it.
    static func commands(
        _ type: any ParsableCommand.Type = Switchyard.self, path: [String] = []
    ) -> [(path: [String], type: any ParsableCommand.Type)] {
        let name = type.configuration.commandName ?? type._commandName
        let here = type == Switchyard.self ? [] : path + [name]
        return [(here, type)] + type.configuration.subcommands.flatMap { commands($0, path: here) }
    }

    /// The example command lines of a help text: the indented lines after "Examples:" that start with the binary.
    static func examples(_ help: String) -> [String] {
        guard let start = help.range(of: "Examples:\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("  ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Shell words of `line` up to a comment, a redirection or a pipe; nil for a line that is not a switchyard
    /// command (an environment assignment first is skipped).
    static func arguments(_ line: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
                continue
            }
            if c == "'" || c == "\"" { quote = c; inWord = true; continue }
            if c == " " {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            if !inWord, c == "#" || c == "<" || c == ">" || c == "|" { break }
            current.append(c)
            inWord = true
        }
        if inWord { words.append(current) }
        while let first = words.first, first.contains("="), !first.hasPrefix("-") { words.removeFirst() }
        guard words.first == "switchyard" else { return nil }
        return Array(words.dropFirst())
    }

    @Test func everyCommandHasExamplesThatParseAndFitTheTerminal() throws {
        let all = Self.commands()
        #expect(all.count > 30)
        for (path, type) in all {
            let help = Switchyard.helpMessage(for: type, columns: 200)
            let examples = Self.examples(help)
            #expect(!examples.isEmpty, "switchyard \(path.joined(separator: " ")) --help has no examples")
            let commands = examples.compactMap(Self.arguments)
            #expect(!commands.isEmpty, "switchyard \(path.joined(separator: " ")): no example runs switchyard")
            for line in examples {
                #expect(line.count <= 76, "wraps at 80 columns: \(line)")
            }
            for arguments in commands {
                #expect(Array(arguments.prefix(path.count)) == path, "an example of another command: \(arguments)")
                do {
                    _ = try Switchyard.parseAsRoot(arguments)
                } catch {
                    Issue.record("switchyard \(arguments.joined(separator: " ")) does not parse: \(Switchyard.message(for: error))")
                }
            }
        }
    }

    @Test func shellWordsAreSplitLikeAShell() {
        #expect(Self.arguments("switchyard ctl traces --filter 'status>=500 !key=ci' --json") == ["ctl", "traces", "--filter", "status>=500 !key=ci", "--json"])
        #expect(Self.arguments("SIM_URL=http://x switchyard check-config gw.yaml") == ["check-config", "gw.yaml"])
        #expect(Self.arguments("switchyard ctl weight a/b 0   # out of rotation") == ["ctl", "weight", "a/b", "0"])
        #expect(Self.arguments("switchyard ctl route explain - --json < request.json") == ["ctl", "route", "explain", "-", "--json"])
        #expect(Self.arguments("kill -HUP $(pidof switchyard)") == nil)
    }
}
