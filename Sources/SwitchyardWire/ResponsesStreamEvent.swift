import SwitchyardJSON
/// One event of a streamed Responses answer, sent as `event: <type>\ndata: {…}`; every event carries its
/// `sequence_number`, counting from 0. Written only.
public struct ResponsesStreamEvent: Encodable, WireEncodable, Hashable, Sendable {
    /// Where in the response an event happens: the output item, and the content part within a message.
    public struct Position: Hashable, Sendable {
        /// The item's `id`.
        public var itemID: String
        /// The item's place in `output`.
        public var outputIndex: Int
        /// The part's place in the message's `content` (0: a message has one part).
        public var contentIndex: Int

        /// Creates a value from its members.
        public init(itemID: String, outputIndex: Int, contentIndex: Int = 0) {
            self.itemID = itemID
            self.outputIndex = outputIndex
            self.contentIndex = contentIndex
        }
    }

    /// What happened.
    public enum Kind: Hashable, Sendable {
        /// `response.created`: the response, in progress, with no output yet.
        case created(ResponsesResponse)
        /// `response.in_progress`.
        case inProgress(ResponsesResponse)
        /// `response.output_item.added`: a message or function call item begins.
        case outputItemAdded(outputIndex: Int, item: ResponsesOutputItem)
        /// `response.content_part.added`: the message's `output_text` part begins (empty).
        case contentPartAdded(Position)
        /// `response.output_text.delta`.
        case outputTextDelta(Position, delta: String)
        /// `response.output_text.done`: the part's whole text.
        case outputTextDone(Position, text: String)
        /// `response.content_part.done`: the finished part.
        case contentPartDone(Position, text: String)
        /// `response.function_call_arguments.delta`.
        case functionCallArgumentsDelta(Position, delta: String)
        /// `response.function_call_arguments.done`: the call's whole arguments.
        case functionCallArgumentsDone(Position, name: String, arguments: String)
        /// `response.output_item.done`: the finished item.
        case outputItemDone(outputIndex: Int, item: ResponsesOutputItem)
        /// `response.completed`: the whole response, with usage.
        case completed(ResponsesResponse)
        /// `response.incomplete`: the whole response, cut short (`incomplete_details` says why).
        case incomplete(ResponsesResponse)
        /// `response.failed`: the response so far, with its `error`.
        case failed(ResponsesResponse)
    }

    /// The `sequence_number` member.
    public var sequenceNumber: Int
    /// The event.
    public var kind: Kind

    /// Creates a value from its members.
    public init(sequenceNumber: Int, _ kind: Kind) {
        self.sequenceNumber = sequenceNumber
        self.kind = kind
    }

    /// The `type` member, which is also the SSE event name.
    public var type: String {
        switch kind {
        case .created: "response.created"
        case .inProgress: "response.in_progress"
        case .outputItemAdded: "response.output_item.added"
        case .contentPartAdded: "response.content_part.added"
        case .outputTextDelta: "response.output_text.delta"
        case .outputTextDone: "response.output_text.done"
        case .contentPartDone: "response.content_part.done"
        case .functionCallArgumentsDelta: "response.function_call_arguments.delta"
        case .functionCallArgumentsDone: "response.function_call_arguments.done"
        case .outputItemDone: "response.output_item.done"
        case .completed: "response.completed"
        case .incomplete: "response.incomplete"
        case .failed: "response.failed"
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON, with the members the SDK's typed event of that `type` requires.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(type, "type")
        w.put(sequenceNumber, "sequence_number")
        switch kind {
        case .created(let response), .inProgress(let response), .completed(let response),
             .incomplete(let response), .failed(let response):
            w.put(response, "response")
        case .outputItemAdded(let index, let item), .outputItemDone(let index, let item):
            w.put(index, "output_index")
            w.put(item, "item")
        case .contentPartAdded(let at):
            Self.put(at, to: &w)
            w.put(ResponsesOutputText(text: ""), "part")
        case .outputTextDelta(let at, let delta):
            Self.put(at, to: &w)
            w.put(delta, "delta")
            w.put([JSONValue](), "logprobs")
        case .outputTextDone(let at, let text):
            Self.put(at, to: &w)
            w.put(text, "text")
            w.put([JSONValue](), "logprobs")
        case .contentPartDone(let at, let text):
            Self.put(at, to: &w)
            w.put(ResponsesOutputText(text: text), "part")
        case .functionCallArgumentsDelta(let at, let delta):
            w.put(at.itemID, "item_id")
            w.put(at.outputIndex, "output_index")
            w.put(delta, "delta")
        case .functionCallArgumentsDone(let at, let name, let arguments):
            w.put(at.itemID, "item_id")
            w.put(at.outputIndex, "output_index")
            w.put(name, "name")
            w.put(arguments, "arguments")
        }
        w.endObject()
    }

    private static func put(_ at: Position, to w: inout JSONWriter) {
        w.put(at.itemID, "item_id")
        w.put(at.outputIndex, "output_index")
        w.put(at.contentIndex, "content_index")
    }
}
