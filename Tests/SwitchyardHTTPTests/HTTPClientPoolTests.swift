import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization
import SwitchyardHTTP
import SwitchyardTestSupport
import Testing

/// The upstream pool against real loopback servers: reuse, deadlines, refusals, streams, cancellation and TLS.
@Suite("HTTP client pool")
struct HTTPClientPoolTests {
    static func head(_ path: String, port: Int, body: Int = 0) -> HTTPRequestHead {
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
        head.headers.add(name: "host", value: "127.0.0.1:\(port)")
        head.headers.add(name: "content-length", value: String(body))
        return head
    }

    static func deadline(_ seconds: Double) -> NIODeadline { .now() + .milliseconds(Int64(seconds * 1000)) }

    @Test("sequential requests share one kept-alive connection")
    func reuse() async throws {
        try await withServer { port, server in
            let pool = try HTTPClientPool()
            let target = UpstreamTarget(host: "127.0.0.1", port: port, tls: false)
            for n in 0..<5 {
                let body = ByteBuffer(string: "hello \(n)")
                let response = try await pool.execute(
                    Self.head("/echo", port: port, body: body.readableBytes), body: body, to: target, connectTimeout: 2,
                    headDeadline: Self.deadline(5), finishDeadline: Self.deadline(5))
                #expect(response.status == .ok)
                #expect(String(buffer: try await response.collect(upTo: 1024)) == "hello \(n)")
            }
            #expect(server.openConnections == 1)
            await pool.shutdown()
        }
    }

    @Test("no head by the deadline fails as headTimeout, and the upstream's request is cancelled")
    func headTimeout() async throws {
        let responder = TestResponder()
        try await withServer(responder: responder) { port, _ in
            let pool = try HTTPClientPool()
            let target = UpstreamTarget(host: "127.0.0.1", port: port, tls: false)
            let started = Date()
            await #expect(throws: HTTPClientError.headTimeout) {
                _ = try await pool.execute(Self.head("/slow", port: port), body: ByteBuffer(), to: target,
                                           connectTimeout: 2, headDeadline: Self.deadline(0.3),
                                           finishDeadline: Self.deadline(30))
            }
            // Well before the finish deadline, however loaded the machine: the head deadline ended it.
            #expect(Date().timeIntervalSince(started) < 15)
            for _ in 0..<100 where responder.cancelled.value == 0 { try await Task.sleep(nanoseconds: 20_000_000) }
            #expect(responder.cancelled.value == 1)
        }
    }

    @Test("a refused connection fails at once as connectFailed")
    func refused() async throws {
        // A port bound but not listening: connecting is refused, and no other test can take it meanwhile.
        let closed = try ClosedPort()
        let port = closed.port
        let pool = try HTTPClientPool()
        let target = UpstreamTarget(host: "127.0.0.1", port: port, tls: false)
        do {
            _ = try await pool.execute(Self.head("/", port: port), body: ByteBuffer(), to: target, connectTimeout: 2,
                                       headDeadline: Self.deadline(5), finishDeadline: Self.deadline(5))
            Issue.record("connected to a closed port")
        } catch let error as HTTPClientError {
            guard case .connectFailed = error else {
                Issue.record("got \(error)")
                return
            }
        }
    }

    @Test("a streamed body arrives chunk by chunk, then its end")
    func stream() async throws {
        try await withServer { port, _ in
            let pool = try HTTPClientPool()
            let target = UpstreamTarget(host: "127.0.0.1", port: port, tls: false)
            let response = try await pool.execute(Self.head("/stream", port: port), body: ByteBuffer(), to: target,
                                                  connectTimeout: 2, headDeadline: Self.deadline(5),
                                                  finishDeadline: Self.deadline(5))
            let (events, sink) = AsyncStream<String>.makeStream()
            response.stream { event in
                switch event {
                case .chunk(let buffer): sink.yield(String(buffer: buffer))
                case .end: sink.yield("END"); sink.finish()
                case .failed(let error): sink.yield("FAILED \(error)"); sink.finish()
                }
            }
            var seen: [String] = []
            for await event in events { seen.append(event) }
            #expect(seen.joined() == "one,two,threeEND")
        }
    }

    @Test("https upstreams are verified against the configured CA")
    func tls() async throws {
        let certificates = try TestCertificates.make()
        let server = try TLSHelloServer(certificates: certificates)
        defer { server.close() }
        var trusting = TLSConfiguration.makeClientConfiguration()
        trusting.trustRoots = .file(certificates.caPath)
        let pool = try HTTPClientPool(tls: trusting)
        for host in ["localhost", "127.0.0.1"] {
            let target = UpstreamTarget(host: host, port: server.port, tls: true)
            let response = try await pool.execute(Self.head("/", port: server.port), body: ByteBuffer(), to: target,
                                                  connectTimeout: 2, headDeadline: Self.deadline(5),
                                                  finishDeadline: Self.deadline(5))
            #expect(String(buffer: try await response.collect(upTo: 1024)) == "hello over tls")
        }
        // Without the CA the certificate is refused: the upstream is unreachable, not broken.
        let strict = try HTTPClientPool()
        do {
            _ = try await strict.execute(Self.head("/", port: server.port), body: ByteBuffer(),
                                         to: UpstreamTarget(host: "localhost", port: server.port, tls: true),
                                         connectTimeout: 2, headDeadline: Self.deadline(5), finishDeadline: Self.deadline(5))
            Issue.record("an unknown CA was accepted")
        } catch let error as HTTPClientError {
            guard case .connectFailed = error else {
                Issue.record("got \(error)")
                return
            }
        }
    }
}

/// A loopback port bound without listening, held until deinit.
final class ClosedPort {
    let port: Int
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawError("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else {
            close(fd)
            throw RawError("bind failed")
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.fd = fd
    }

    deinit { close(fd) }
}

/// Seconds from configuration or arithmetic become timer amounts without trapping.
@Suite struct TimeAmountDurationTests {
    @Test func hostileSecondsAreBounded() {
        #expect(TimeAmount.duration(seconds: 1.5) == .milliseconds(1500))
        #expect(TimeAmount.duration(seconds: -3) == .zero)
        #expect(TimeAmount.duration(seconds: .nan) == .zero)
        #expect(TimeAmount.duration(seconds: .infinity) == .seconds(86_400 * 365))
        #expect(TimeAmount.duration(seconds: 1e300) == .seconds(86_400 * 365))
    }
}
