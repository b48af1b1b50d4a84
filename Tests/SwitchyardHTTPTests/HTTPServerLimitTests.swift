import Foundation
import SwitchyardHTTP
import Testing

/// The server's bounds, seen from a raw socket: what an idle, slow, oversized, old or flooding client gets.
@Suite("HTTP server limits")
struct HTTPServerLimitTests {
    @Test("pipelined requests are answered in order on one connection")
    func pipelining() async throws {
        try await withServer { port, _ in
            let raw = try RawConnection(port: port)
            raw.send("POST /a HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\n\r\nfirstPOST /b HTTP/1.1\r\nhost: x\r\ncontent-length: 6\r\n\r\nsecond")
            let (text, closed) = raw.read(for: 2, untilContains: "second")
            #expect(!closed)
            let first = try #require(text.range(of: "first"))
            let second = try #require(text.range(of: "second"))
            #expect(first.lowerBound < second.lowerBound)
            #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
        }
    }

    @Test("a body over the limit gets 413 and the connection closes")
    func oversizedBody() async throws {
        try await withServer(HTTPServerLimits(maxBodyBytes: 10)) { port, _ in
            let raw = try RawConnection(port: port)
            raw.send("POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n0123456789")
            let (text, closed) = raw.read(for: 2)
            #expect(text.hasPrefix("HTTP/1.1 413"))
            #expect(text.lowercased().contains("connection: close"))
            #expect(closed)
        }
    }

    @Test("a chunked body that grows past the limit gets 413 too")
    func oversizedChunkedBody() async throws {
        try await withServer(HTTPServerLimits(maxBodyBytes: 10)) { port, _ in
            let raw = try RawConnection(port: port)
            raw.send("POST / HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n8\r\n01234567\r\n8\r\n01234567\r\n")
            let (text, closed) = raw.read(for: 2)
            #expect(text.hasPrefix("HTTP/1.1 413"))
            #expect(closed)
        }
    }

    @Test("HTTP/1.0 is answered as 1.0 and closed unless it asked to keep the connection")
    func http10() async throws {
        try await withServer { port, _ in
            let plain = try RawConnection(port: port)
            plain.send("GET / HTTP/1.0\r\n\r\n")
            let (text, closed) = plain.read(for: 2)
            #expect(text.hasPrefix("HTTP/1.0 200"))
            #expect(closed)

            let kept = try RawConnection(port: port)
            kept.send("GET / HTTP/1.0\r\nconnection: keep-alive\r\n\r\n")
            let (keptText, keptClosed) = kept.read(for: 0.5)
            #expect(keptText.hasPrefix("HTTP/1.0 200"))
            #expect(keptText.lowercased().contains("connection: keep-alive"))
            #expect(!keptClosed)

            // No chunked encoding in 1.0: a stream's end is the connection's.
            let streamed = try RawConnection(port: port)
            streamed.send("GET /stream HTTP/1.0\r\nconnection: keep-alive\r\n\r\n")
            let (streamText, streamClosed) = streamed.read(for: 2)
            #expect(streamText.hasSuffix("one,two,three"))
            #expect(!streamText.lowercased().contains("chunked"))
            #expect(streamClosed)
        }
    }

    @Test("an idle kept-alive connection is closed after the idle timeout")
    func idleTimeout() async throws {
        try await withServer(HTTPServerLimits(idleTimeout: 0.3)) { port, _ in
            let raw = try RawConnection(port: port)
            raw.send("GET / HTTP/1.1\r\nhost: x\r\n\r\n")
            let (text, closed) = raw.read(for: 2)
            #expect(text.hasPrefix("HTTP/1.1 200"))
            #expect(closed)
        }
    }

    @Test("a head sent byte by byte is cut at the header timeout (slowloris)")
    func headerTimeout() async throws {
        try await withServer(HTTPServerLimits(headerTimeout: 0.5, idleTimeout: 30)) { port, _ in
            let raw = try RawConnection(port: port)
            let started = Date()
            var closed = false
            for byte in "GET / HTTP/1.1\r\nhost: x\r\nx-slow: " + String(repeating: "a", count: 40) {
                raw.send(String(byte))
                if raw.read(for: 0.1).closed {
                    closed = true
                    break
                }
            }
            #expect(closed)
            #expect(Date().timeIntervalSince(started) < 3)
        }
    }

    @Test("a body that stops arriving gets 408 and the connection closes")
    func bodyTimeout() async throws {
        try await withServer(HTTPServerLimits(bodyTimeout: 0.3)) { port, _ in
            let raw = try RawConnection(port: port)
            raw.send("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-length: 50\r\n\r\n{\"a\":")
            let (text, closed) = raw.read(for: 3)
            #expect(text.hasPrefix("HTTP/1.1 408"))
            #expect(closed)
        }
    }

    @Test("past the connection cap a connection gets 503 and is closed; the others are served")
    func connectionCap() async throws {
        try await withServer(HTTPServerLimits(maxConnections: 2)) { port, server in
            let first = try RawConnection(port: port)
            let second = try RawConnection(port: port)
            // Both accepted before the third connects.
            for _ in 0..<50 where server.openConnections < 2 { try await Task.sleep(nanoseconds: 20_000_000) }
            let third = try RawConnection(port: port)
            let (text, closed) = third.read(for: 2)
            #expect(text.hasPrefix("HTTP/1.1 503"))
            #expect(closed)
            first.send("GET / HTTP/1.1\r\nhost: x\r\n\r\n")
            #expect(first.read(for: 2, untilContains: "ok").text.hasPrefix("HTTP/1.1 200"))
            _ = second
        }
    }

    @Test("a client hanging up cancels its request's responder")
    func hangUpCancels() async throws {
        let responder = TestResponder()
        try await withServer(responder: responder) { port, _ in
            do {
                let raw = try RawConnection(port: port)
                raw.send("GET /slow HTTP/1.1\r\nhost: x\r\n\r\n")
                _ = raw.read(for: 0.2)
            }
            for _ in 0..<100 where responder.cancelled.value == 0 { try await Task.sleep(nanoseconds: 20_000_000) }
            #expect(responder.cancelled.value == 1)
        }
    }

    @Test("a stream answered after its client left still runs its producer, which learns the client is gone")
    func streamAfterHangUp() async throws {
        let responder = TestResponder()
        try await withServer(responder: responder) { port, _ in
            do {
                let raw = try RawConnection(port: port)
                raw.send("GET /late-stream HTTP/1.1\r\nhost: x\r\n\r\n")
                _ = raw.read(for: 0.2)
            }
            for _ in 0..<100 where responder.settledAfterHangUp.value == 0 {
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            #expect(responder.settledAfterHangUp.value == 1)
        }
    }

    @Test("malformed heads get 400 and the connection closes")
    func malformedHead() async throws {
        try await withServer { port, _ in
            let raw = try RawConnection(port: port)
            raw.send("GET / HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\ncontent-length: 6\r\n\r\n")
            let (text, closed) = raw.read(for: 2)
            #expect(text.hasPrefix("HTTP/1.1 400"))
            #expect(closed)
        }
    }
}
