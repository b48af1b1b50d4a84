/// Reads `key = value` theme files: a colour, optional `on <colour>`, then `bold`/`dim`/`reverse`/`underline`.
public enum ThemeParser {
    /// Parses theme text; `file` names it in errors.
    public static func parse(_ text: String, name: String, file: String) throws(ThemeError) -> Theme {
        var roles: [Role: RoleAppearance] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = stripComment(String(rawLine)).trimmingCharacters(in: " \t\r")
            if line.isEmpty { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw ThemeError(file: file, line: lineNumber, message: "expected 'key = value', missing '='")
            }
            let key = line[..<eq].trimmingCharacters(in: " \t")
            let value = line[line.index(after: eq)...].trimmingCharacters(in: " \t")
            guard let role = Role(rawValue: key) else {
                throw ThemeError(file: file, line: lineNumber, message: "unknown key '\(key)'")
            }
            roles[role] = try parseAppearance(value, file: file, line: lineNumber)
        }
        return Theme(name: name, roles: roles)
    }

    private static func parseAppearance(_ value: String, file: String, line: Int) throws(ThemeError) -> RoleAppearance {
        let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first else {
            throw ThemeError(file: file, line: line, message: "missing value")
        }
        var appearance = RoleAppearance()
        var index = 0
        if !isAttribute(first) {
            guard let fg = ThemeColor.parse(first) else {
                throw ThemeError(file: file, line: line, message: "unknown color '\(first)'")
            }
            appearance.foreground = fg
            index = 1
        }
        while index < words.count {
            let word = words[index].lowercased()
            switch word {
            case "bold": appearance.bold = true
            case "dim": appearance.dim = true
            case "reverse": appearance.reverse = true
            case "underline": appearance.underline = true
            case "on":
                guard index + 1 < words.count else {
                    throw ThemeError(file: file, line: line, message: "missing color after 'on'")
                }
                guard let bg = ThemeColor.parse(words[index + 1]) else {
                    throw ThemeError(file: file, line: line, message: "unknown color '\(words[index + 1])'")
                }
                appearance.background = bg
                index += 1
            default:
                let known = ThemeColor.parse(word) != nil
                throw ThemeError(
                    file: file, line: line,
                    message: known ? "unexpected color '\(words[index])' (use 'fg on bg')" : "unknown color or attribute '\(words[index])'"
                )
            }
            index += 1
        }
        return appearance
    }

    /// Drops a `#` comment: a whole line, or `#` followed by a space; `#rrggbb` colours stay.
    private static func stripComment(_ line: String) -> String {
        let chars = Array(line)
        for (i, c) in chars.enumerated() where c == "#" {
            let next = i + 1 < chars.count ? chars[i + 1] : " "
            if next == " " || next == "\t" || chars[..<i].allSatisfy({ $0 == " " || $0 == "\t" }) {
                return String(chars[..<i])
            }
        }
        return line
    }

    private static func isAttribute(_ w: String) -> Bool {
        ["bold", "dim", "reverse", "underline"].contains(w.lowercased())
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
