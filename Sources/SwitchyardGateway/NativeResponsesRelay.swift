import Foundation
import SwitchyardJSON
import SwitchyardWire

/// Relays the Responses events of an upstream that served a Responses request natively, one frame per event as
/// the transport wrote them. Only the events carrying the response object are read and `restored` for the client
/// (the gateway's id when it keeps the response, which it does at the closing one); the latest one is what a
/// `response.failed` repeats when the stream breaks. Every other event passes unchanged.
struct NativeResponsesRelay {
    private let request: ResponsesRequest
    private let keeper: ResponseKeeper?
    /// The gateway's id for the response, when it keeps it.
    private let id: String?
    private var parser = SSEParser()
    private var snapshot: JSONValue?
    private var sequenceNumber = -1

    init(request: ResponsesRequest, keeper: ResponseKeeper?) {
        self.request = request
        self.keeper = keeper
        id = keeper == nil ? nil : ResponsesPassThrough.newResponseID()
    }

    /// The client's frames for one batch of upstream frames.
    mutating func frames(_ batch: [Data]) -> [Data] {
        var out: [Data] = []
        out.reserveCapacity(batch.count)
        for each in batch { out.append(frame(each)) }
        return out
    }

    /// The frames ending a stream that broke after it began: `response.failed` carrying `message`.
    mutating func failure(message: String) -> [Data] {
        let event = ResponsesPassThrough.failedEvent(
            snapshot: snapshot, message: message, sequenceNumber: sequenceNumber + 1)
        let type = event["type"]?.stringValue ?? "error"
        return [Data(SSEEncoder.encode(event: type, data: event.jsonString()).utf8)]
    }

    private mutating func frame(_ frame: Data) -> Data {
        guard Self.carriesResponse(frame) else {
            sequenceNumber = Self.sequenceNumber(in: frame) ?? sequenceNumber + 1
            return frame
        }
        guard let event = parser.feed(frame).first, let type = event.event,
              var parsed = try? WireCoding.parse(Data(event.data.utf8)), parsed["response"] != nil
        else { return frame }
        if let number = parsed["sequence_number"]?.intValue { sequenceNumber = number }
        parsed = ResponsesPassThrough.restoredEvent(parsed, for: request, id: id)
        snapshot = parsed["response"]
        if let keeper, ResponsesPassThrough.closingTypes.contains(type), let response = parsed["response"] {
            keeper.keep(native: response, answering: request)
        }
        return Data(SSEEncoder.encode(event: type, data: parsed.jsonString()).utf8)
    }

    /// Whether the frame is an event carrying the response object: `response.created`, `.in_progress`,
    /// `.completed`, `.incomplete`, `.failed`, `.queued` — a `response.*` event name without a further dot.
    static func carriesResponse(_ frame: Data) -> Bool {
        guard frame.starts(with: responseEventPrefix) else { return false }
        let name = frame.dropFirst(responseEventPrefix.count).prefix { $0 != UInt8(ascii: "\n") }
        return !name.contains(UInt8(ascii: "."))
    }

    private static let responseEventPrefix = Data("event: response.".utf8)

    /// The event's `sequence_number`, found without parsing the frame (deltas are most of a stream).
    static func sequenceNumber(in frame: Data) -> Int? {
        guard let key = frame.firstRange(of: sequenceKey) else { return nil }
        var value = 0
        var digits = 0
        for byte in frame[key.upperBound...] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { break }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    private static let sequenceKey = Data(#""sequence_number":"#.utf8)
}
