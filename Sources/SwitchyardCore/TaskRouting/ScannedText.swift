/// A request's text prepared for keyword matching: its UTF-8 bytes with ASCII letters lowercased, at most
/// `limit` bytes (the head of a long text says what it is), for `PhraseSet` to search. Matching bytes instead of
/// `String` keeps detection within microseconds.
struct ScannedText {
    let bytes: [UInt8]

    /// The bytes scanned of a text at most.
    static let limit = 32 * 1024

    init(_ text: String) {
        var out: [UInt8] = []
        out.reserveCapacity(min(text.utf8.count, Self.limit))
        for byte in text.utf8.prefix(Self.limit) {
            out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        bytes = out
    }

    var isEmpty: Bool { bytes.isEmpty }


    /// How many lines look like source code: they start with a keyword of a programming language or end with
    /// punctuation prose rarely ends a line with.
    func sourceLikeLines(upTo enough: Int) -> Int {
        var count = 0
        var lineStart = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "\n") {
            if Self.looksLikeSource(bytes[lineStart..<i]) {
                count += 1
                if count >= enough { return count }
            }
            lineStart = i + 1
        }
        return count
    }

    private static func looksLikeSource(_ line: ArraySlice<UInt8>) -> Bool {
        var trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
        // Indented by four or more with an assignment or a call: a body line of pasted code.
        if line.count - trimmed.count >= 4, trimmed.contains(UInt8(ascii: "=")) || trimmed.contains(UInt8(ascii: "(")) {
            return true
        }
        while let last = trimmed.last, last == 0x20 || last == 0x09 || last == 0x0D { trimmed = trimmed.dropLast() }
        guard trimmed.count >= 2, let last = trimmed.last else { return false }
        if lineEndings.contains(last), trimmed.count > 3 { return true }
        if trimmed.starts(with: Array("=>".utf8)) { return true }
        return lineStarts.contains { trimmed.starts(with: $0) }
    }

    private static let lineEndings: Set<UInt8> = [UInt8(ascii: ";"), UInt8(ascii: "{"), UInt8(ascii: "}")]
    private static let lineStarts: [[UInt8]] = [
        "def ", "class ", "import ", "from ", "#include", "func ", "fn ", "let ", "const ", "var ", "public ",
        "private ", "return ", "if (", "for (", "while (", "for ", "elif ", "else:", "try:", "except", "async ", "await ", "package ", "struct ", "impl ",
        "interface ", "select ", "insert ", "update ", "delete from", "create ", "@@ ", "</", "<div", "print(",
        "console.", "self.", "this.",
    ].map { Array($0.utf8) }
}
