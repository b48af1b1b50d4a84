/// An operator action. Every one is also a `ctl` command and writes an audit record.
public enum ControlCommand: Sendable, Codable, Hashable {
    case disableProvider(String)
    case enableProvider(String)
    case disableDeployment(String)
    case enableDeployment(String)
    /// Sets a deployment's routing weight (within `InputBounds.weight`).
    case setWeight(deployment: String, weight: Double)
    /// Drains one deployment of a model group: its traffic moves to the group's other deployments.
    case failover(model: String, from: String)
    /// Reverts the most recent override that has not been undone.
    case undo
    /// Clears every override.
    case reset

    /// Human-readable form for logs and the status line.
    public var summary: String {
        switch self {
        case .disableProvider(let p): "disable provider \(p)"
        case .enableProvider(let p): "enable provider \(p)"
        case .disableDeployment(let d): "disable deployment \(d)"
        case .enableDeployment(let d): "enable deployment \(d)"
        case .setWeight(let d, let w): "set weight of \(d) to \(InputBounds.formatNumber(w))"
        case .failover(let m, let from): "fail \(m) over away from \(from)"
        case .undo: "undo"
        case .reset: "reset overrides"
        }
    }
}

/// One entry of the audit log: who changed what, from what to what.
public struct AuditRecord: Sendable, Codable, Hashable {
    public var sequence: Int
    public var time: Double
    /// Who: "tui:alice", "ctl:alice", "api".
    public var actor: String
    public var action: String
    public var before: String
    public var after: String

    public init(sequence: Int, time: Double, actor: String, action: String, before: String, after: String) {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.action = action
        self.before = before
        self.after = after
    }
}

/// The answer to a command.
public struct CommandResult: Sendable, Codable, Hashable {
    public var ok: Bool
    public var message: String
    public var audit: AuditRecord?

    public init(ok: Bool, message: String, audit: AuditRecord? = nil) {
        self.ok = ok
        self.message = message
        self.audit = audit
    }
}
