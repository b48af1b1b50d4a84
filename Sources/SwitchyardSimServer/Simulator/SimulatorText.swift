/// Plausible English-looking completion text, one token per word. Each piece carries its leading separator
/// (a space, or a paragraph break) so pieces concatenate into the full text, streamed or not.
enum SimulatorText {
    /// How a generated text ended.
    enum Ending: Equatable {
        /// The model finished on its own.
        case natural
        /// The output hit the client's token cap.
        case length
        /// A stop sequence was produced; the text ends just before it.
        case stopSequence(String)
    }

    private static let vocabulary: [String] = [
        "the", "a", "system", "request", "model", "answer", "data", "simple", "request", "latency", "result",
        "provider", "network", "gateway", "value", "question", "first", "next", "clear", "small", "large",
        "quickly", "often", "usually", "because", "when", "while", "after", "before", "with", "without",
        "about", "around", "between", "through", "under", "over", "this", "that", "these", "those", "it", "we",
        "you", "they", "can", "will", "should", "might", "would", "is", "are", "was", "were", "has", "have",
        "makes", "takes", "gives", "shows", "keeps", "finds", "builds", "runs", "sends", "reads", "writes",
        "checks", "moves", "turns", "holds", "brings", "leaves", "starts", "ends", "city", "river", "morning",
        "evening", "story", "idea", "plan", "team", "window", "garden", "road", "light", "sound", "signal",
        "weather", "journey", "engine", "market", "history", "number", "pattern", "detail", "reason", "example",
        "moment", "problem", "solution", "question", "change", "rate", "budget", "cost", "traffic", "route",
        "good", "better", "careful", "steady", "quiet", "bright", "early", "late", "new", "old", "long", "short",
        "and", "but", "or", "so", "then", "also", "still", "only", "even", "just", "more", "most", "less",
        "very", "well", "in", "on", "at", "to", "of", "for", "from", "by", "into", "across", "every", "each",
    ]

    /// `count` word pieces. A natural ending closes the last sentence; a length cut stops mid-sentence.
    static func pieces(count: Int, endsNaturally: Bool, using rng: inout some RandomNumberGenerator) -> [String] {
        var pieces: [String] = []
        pieces.reserveCapacity(count)
        var sentenceLeft = Int.random(in: 6...14, using: &rng)
        var sentencesLeft = Int.random(in: 3...5, using: &rng)
        var separator = ""
        var capitalize = true
        for index in 0..<count {
            var word = vocabulary[Int(rng.next() % UInt64(vocabulary.count))]
            if capitalize, let first = word.first {
                word = first.uppercased() + word.dropFirst()
                capitalize = false
            }
            sentenceLeft -= 1
            let last = index == count - 1
            if sentenceLeft == 0 || (last && endsNaturally) {
                word += "."
                capitalize = true
                sentenceLeft = Int.random(in: 6...14, using: &rng)
                sentencesLeft -= 1
            }
            pieces.append(separator + word)
            if capitalize && sentencesLeft == 0 {
                separator = "\n\n"
                sentencesLeft = Int.random(in: 3...5, using: &rng)
            } else {
                separator = " "
            }
        }
        return pieces
    }

    /// Truncates `pieces` just before the first occurrence of any stop sequence. Returns the kept pieces and
    /// the sequence that matched, if any; a piece cut in the middle keeps its head.
    static func applyingStops(_ pieces: [String], stops: [String]) -> (pieces: [String], matched: String?) {
        let stops = stops.filter { !$0.isEmpty }
        guard !stops.isEmpty else { return (pieces, nil) }
        let text = pieces.joined()
        var best: (offset: Int, stop: String)?
        for stop in stops {
            guard let range = text.firstRange(of: stop) else { continue }
            let offset = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
            if best == nil || offset < (best?.offset ?? .max) { best = (offset, stop) }
        }
        guard let best else { return (pieces, nil) }
        var kept: [String] = []
        var used = 0
        for piece in pieces {
            let length = piece.utf8.count
            if used + length <= best.offset {
                kept.append(piece)
                used += length
                continue
            }
            let head = String(decoding: piece.utf8.prefix(best.offset - used), as: UTF8.self)
            if !head.isEmpty { kept.append(head) }
            break
        }
        return (kept, best.stop)
    }
}
