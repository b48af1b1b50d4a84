import Foundation
import SwitchyardControl
import SwitchyardCore
import Testing

@Suite struct SocketFeedLineSplittingTests {
    /// Lines of varying length, some with multi-byte UTF-8, as a feed would send them.
    static let lines: [String] = (0..<40).map { i in
        #"{"n":\#(i),"text":"\#(String(repeating: "é→x", count: i % 7))"}"#
    }

    func split(_ bytes: [UInt8], chunkSizes: [Int]) throws -> [String] {
        var splitter = NDJSONLineSplitter()
        var out: [String] = []
        var offset = 0
        var i = 0
        while offset < bytes.count {
            let size = min(chunkSizes[i % chunkSizes.count], bytes.count - offset)
            i += 1
            out += try splitter.append(bytes[offset..<offset + size]).map { String(decoding: $0, as: UTF8.self) }
            offset += size
        }
        return out
    }

    @Test(arguments: [UInt64(1), 2, 3, 42, 1234])
    func randomChunkBoundaries(seed: UInt64) throws {
        let bytes = Array(Self.lines.map { $0 + "\n" }.joined().utf8)
        var rng = SeededGenerator(seed: seed)
        let sizes = (0..<64).map { _ in Int.random(in: 1...37, using: &rng) }
        #expect(try split(bytes, chunkSizes: sizes) == Self.lines)
    }

    @Test func everyByteItsOwnChunk() throws {
        let bytes = Array(Self.lines.map { $0 + "\n" }.joined().utf8)
        #expect(try split(bytes, chunkSizes: [1]) == Self.lines)
    }

    @Test func allAtOnce() throws {
        let bytes = Array(Self.lines.map { $0 + "\n" }.joined().utf8)
        #expect(try split(bytes, chunkSizes: [bytes.count]) == Self.lines)
    }

    @Test func crlfAndBlankLinesAreDropped() throws {
        let bytes = Array("\n{\"a\":1}\r\n\r\n\n{\"b\":2}\n".utf8)
        #expect(try split(bytes, chunkSizes: [1, 2, 5]) == [#"{"a":1}"#, #"{"b":2}"#])
    }

    @Test func crSplitFromItsNewlineAcrossChunks() throws {
        var splitter = NDJSONLineSplitter()
        #expect(try splitter.append(Array("{\"a\":1}\r".utf8)).isEmpty)
        let lines = try splitter.append(Array("\n".utf8))
        #expect(lines.map { String(decoding: $0, as: UTF8.self) } == [#"{"a":1}"#])
    }

    @Test func unfinishedLineIsHeldUntilItsNewline() throws {
        var splitter = NDJSONLineSplitter()
        #expect(try splitter.append(Array("{\"a\":".utf8)).isEmpty)
        #expect(splitter.pendingByteCount == 5)
        let lines = try splitter.append(Array("1}\n{\"b\"".utf8))
        #expect(lines.map { String(decoding: $0, as: UTF8.self) } == [#"{"a":1}"#])
        #expect(splitter.pendingByteCount == 4)
        splitter.reset()
        #expect(splitter.pendingByteCount == 0)
        #expect(try splitter.append(Array("{}\n".utf8)).count == 1)
    }

    @Test func overlongLineIsRefused() throws {
        var splitter = NDJSONLineSplitter(maxLineBytes: 16)
        #expect(try splitter.append(Array("0123456789".utf8)).isEmpty)
        #expect(throws: NDJSONLineSplitter.LineTooLong.self) {
            _ = try splitter.append(Array("0123456789".utf8))
        }
        // A long line that does end is still fine as long as its tail fits.
        var fine = NDJSONLineSplitter(maxLineBytes: 16)
        #expect(try fine.append(Array("0123456789\n0123".utf8)).count == 1)
    }

    @Test func splitSnapshotsDecode() throws {
        let snapshot = GatewaySnapshot(
            info: GatewayInfo(mode: "serve", address: nil, version: "1", startedAt: 5), time: 10,
            totals: TotalsSnapshot(requestsPerSecond: 3), providers: [], deployments: [], models: [], errors: [],
            budgets: [], events: [], requests: [], audit: [], canUndo: true)
        var next = snapshot
        next.time = 11
        let encoder = JSONEncoder()
        let bytes = Array(try encoder.encode(snapshot) + Data("\n".utf8) + encoder.encode(next) + Data("\n".utf8))
        var splitter = NDJSONLineSplitter()
        var decoded: [GatewaySnapshot] = []
        for start in stride(from: 0, to: bytes.count, by: 7) {
            for line in try splitter.append(bytes[start..<min(bytes.count, start + 7)]) {
                decoded.append(try ControlJSON.decode(GatewaySnapshot.self, from: Data(line)))
            }
        }
        #expect(decoded == [snapshot, next])
    }
}
