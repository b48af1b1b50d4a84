import Foundation

/// Writes a Swift file holding the text of each given file, so the binary carries it and nothing is looked up at
/// run time: `switchyard-embed OUTPUT ENUM FILE…` declares `enum ENUM { static let files: [(name:, text:)] }`,
/// each name the file's base name. Run by the EmbedResources build plugin.
@main
enum Embed {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count >= 2 else {
            fail("usage: switchyard-embed OUTPUT ENUM FILE…", status: 2)
        }
        let output = arguments[0]
        let name = arguments[1]
        let files = arguments.dropFirst(2)
        var source = "// Generated at build time by switchyard-embed from "
            + files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ") + "; edit those files.\n"
        source += "enum \(name) {\n    static let files: [(name: String, text: String)] = [\n"
        for path in files {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else { fail("switchyard-embed: cannot read \(path) as UTF-8", status: 1) }
            let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            source += "        (\(literal(base)), \(literal(text))),\n"
        }
        source += "    ]\n}\n"
        do {
            try source.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            fail("switchyard-embed: cannot write \(output): \(error)", status: 1)
        }
    }

    /// A Swift string literal of `text`, on one line.
    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(status)
    }
}
