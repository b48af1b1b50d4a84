/// Lowercase phrases found in one pass over a text: each position is looked up by its first two bytes (a
/// 65,536-bit filter, then the few phrases starting with those bytes), so hundreds of phrases cost about as much
/// as one. A phrase starting with a letter or digit matches only where a word starts.
struct PhraseSet: Sendable {
    let phrases: [[UInt8]]
    /// Phrase indices by their first two bytes.
    private let byPrefix: [UInt16: [Int]]
    /// Bit `k` set when some phrase starts with the two bytes `k`.
    private let filter: [UInt64]
    /// Phrases of one byte, by that byte.
    private let singles: [Int?]

    init(_ list: [String]) {
        let phrases = list.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
        var byPrefix: [UInt16: [Int]] = [:]
        var filter = [UInt64](repeating: 0, count: 1024)
        var singles = [Int?](repeating: nil, count: 256)
        for (i, p) in phrases.enumerated() {
            guard p.count >= 2 else {
                if singles[Int(p[0])] == nil { singles[Int(p[0])] = i }
                continue
            }
            let key = UInt16(p[0]) << 8 | UInt16(p[1])
            byPrefix[key, default: []].append(i)
            filter[Int(key >> 6)] |= 1 << UInt64(key & 63)
        }
        self.phrases = phrases
        self.byPrefix = byPrefix
        self.filter = filter
        self.singles = singles
    }

    /// The phrase found earliest in `text`, if any.
    func first(in text: ScannedText) -> [UInt8]? {
        let bytes = text.bytes
        return bytes.withUnsafeBufferPointer { hay -> [UInt8]? in
            for i in 0..<hay.count {
                if i > 0, Self.isWordByte(hay[i]), Self.isWordByte(hay[i - 1]) { continue }
                if let single = singles[Int(hay[i])] { return phrases[single] }
                guard i + 1 < hay.count else { break }
                let key = UInt16(hay[i]) << 8 | UInt16(hay[i + 1])
                guard filter[Int(key >> 6)] & (1 << UInt64(key & 63)) != 0, let candidates = byPrefix[key] else { continue }
                for c in candidates where Self.matches(phrases[c], hay, at: i) { return phrases[c] }
            }
            return nil
        }
    }

    private static func matches(_ phrase: [UInt8], _ hay: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i + phrase.count <= hay.count else { return false }
        for j in 2..<phrase.count where hay[i + j] != phrase[j] { return false }
        return true
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
    }
}
