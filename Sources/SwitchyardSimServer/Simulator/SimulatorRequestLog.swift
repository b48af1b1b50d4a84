import HTTPTypes
import Hummingbird
import Synchronization

/// The most recent API requests, kept cheaply: raw headers and body buffers are stored as received and only
/// turned into text when someone reads the log.
final class SimulatorRequestLog: Sendable {
    private struct Entry {
        var method: HTTPRequest.Method
        var path: String
        var headers: HTTPFields
        var body: ByteBuffer
    }

    private struct Ring {
        var entries: [Entry] = []
        var next = 0
    }

    /// Requests kept; older ones are overwritten.
    let capacity: Int
    private let ring = Mutex(Ring())

    init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
    }

    /// Remembers one request.
    func record(_ request: Request, body: ByteBuffer) {
        let entry = Entry(method: request.method, path: request.uri.description, headers: request.headers, body: body)
        ring.withLock { ring in
            if ring.entries.count < capacity {
                ring.entries.append(entry)
            } else {
                ring.entries[ring.next] = entry
            }
            ring.next = (ring.next + 1) % capacity
        }
    }

    /// The remembered requests, oldest first.
    func recent() -> [SimulatorRecordedRequest] {
        let entries = ring.withLock { ring in
            ring.entries.count < capacity
                ? ring.entries
                : Array(ring.entries[ring.next...] + ring.entries[..<ring.next])
        }
        return entries.map { entry in
            var headers: [String: String] = [:]
            for field in entry.headers {
                let name = field.name.canonicalName
                headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
            }
            return SimulatorRecordedRequest(
                method: entry.method.rawValue, path: entry.path, headers: headers, body: String(buffer: entry.body)
            )
        }
    }

    /// Forgets every request.
    func clear() {
        ring.withLock { $0 = Ring() }
    }
}
