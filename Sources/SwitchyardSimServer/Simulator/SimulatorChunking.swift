/// Groups word pieces into stream chunks of a few tokens each.
enum SimulatorChunking {
    /// Pieces grouped 1–3 at a time; the grouping depends only on the piece count, so it is cheap and stable.
    static func chunks(_ pieces: [String]) -> [(text: String, tokens: Int)] {
        var out: [(String, Int)] = []
        out.reserveCapacity(pieces.count / 2 + 1)
        var index = 0
        var size = 1
        while index < pieces.count {
            let end = min(pieces.count, index + size)
            out.append((pieces[index..<end].joined(), end - index))
            index = end
            size = size % 3 + 1
        }
        return out
    }
}
