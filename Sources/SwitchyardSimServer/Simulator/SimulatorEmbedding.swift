import SwitchyardCore

/// Deterministic embedding vectors: the same input always maps to the same unit vector.
enum SimulatorEmbedding {
    /// Length of a vector when the request does not ask for one.
    static let defaultDimensions = 256

    /// A unit vector of `dimensions` floats seeded by a hash of `bytes`.
    static func vector(for bytes: some Sequence<UInt8>, dimensions: Int) -> [Float] {
        // FNV-1a: stable across runs and platforms, unlike `Hasher`.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        var rng = SeededGenerator(seed: hash)
        var values = [Float](repeating: 0, count: max(1, dimensions))
        var norm: Float = 0
        for index in values.indices {
            let value = Float(Double(rng.next() >> 11) / Double(1 << 53) * 2 - 1)
            values[index] = value
            norm += value * value
        }
        let scale = norm > 0 ? 1 / norm.squareRoot() : 1
        for index in values.indices { values[index] *= scale }
        return values
    }
}
