import SwitchyardCore
import SwitchyardWire
import Yams

/// Task routing in the config: models with `strategy: task` and their `tasks:` maps, the teams' own maps, and the
/// `task_routing:` section (the long-context threshold and the rules declaring further tasks).
extension GatewayConfigReader {
    /// A task map as read, with its nodes for the checks that need the whole config.
    struct TaskMapRead {
        var owner: String
        var node: Node
        var path: String
        /// One per group: an entry listing several groups gives several, in its order.
        var entries: [(task: String, group: String, node: Node, path: String)]
        /// A task model's `escalate:`, with its target's node for the check that it exists.
        var escalate: (spec: EscalationSpec, node: Node, path: String)?
        /// A task model's `prefer:`, choosing among an entry's groups.
        var prefer = TaskPreference.quality
    }

    /// Whether a `models:` item is a task-routed model.
    static func isTaskModel(_ node: Node) -> Bool {
        node.mapping?["strategy"]?.string == "task"
    }

    /// A model with `strategy: task`: a name and a `tasks:` map; no deployments of its own.
    static func readTaskModel(_ node: Node, _ path: String, walker w: inout YAMLWalker) -> TaskMapRead? {
        guard let map = w.mapping(node, path, allowed: ["name", "strategy", "tasks", "escalate", "prefer"]) else { return nil }
        guard let name = map["name"].flatMap({ w.string($0, w.join(path, "name")) }) else {
            if map["name"] == nil { w.error(node, w.join(path, "name"), "missing: every model needs the name clients send") }
            return nil
        }
        guard let tasksNode = map["tasks"] else {
            w.error(node, w.join(path, "tasks"), "missing: a task model maps tasks to models, e.g. { chat: fast, code: coder }")
            return nil
        }
        var read = readTaskMap(tasksNode, w.join(path, "tasks"), owner: name, walker: &w)
        if let escalate = map["escalate"] { read?.escalate = readEscalation(escalate, w.join(path, "escalate"), walker: &w) }
        if let n = map["prefer"], let prefer = w.oneOf(n, w.join(path, "prefer"), TaskPreference.self) { read?.prefer = prefer }
        return read
    }

    /// `escalate: { to: GROUP, on: [invalid_json, invalid_tool_args, truncated, empty], streams: pass | buffer }`.
    private static func readEscalation(
        _ node: Node, _ path: String, walker w: inout YAMLWalker
    ) -> (spec: EscalationSpec, node: Node, path: String)? {
        guard let map = w.mapping(node, path, allowed: ["to", "on", "streams"]) else { return nil }
        guard let toNode = map["to"], let to = w.string(toNode, w.join(path, "to")) else {
            if map["to"] == nil { w.error(node, w.join(path, "to"), "missing: the stronger model to ask instead") }
            return nil
        }
        var on = Set(AnswerProblem.allCases)
        if let list = map["on"].flatMap({ w.sequence($0, w.join(path, "on")) }) {
            on = []
            for (i, item) in list.enumerated() {
                if let problem = w.oneOf(item, "\(path).on[\(i)]", AnswerProblem.self) { on.insert(problem) }
            }
        }
        var streams = EscalationSpec.Streams.pass
        if let n = map["streams"], let value = w.oneOf(n, w.join(path, "streams"), EscalationSpec.Streams.self) {
            streams = value
        }
        return (EscalationSpec(to: to, on: on, streams: streams), toNode, w.join(path, "to"))
    }

    /// A `tasks:` map of task → model group, or a list of groups to choose from.
    static func readTaskMap(_ node: Node, _ path: String, owner: String, walker w: inout YAMLWalker) -> TaskMapRead? {
        guard case .mapping(let mapping) = node else {
            w.error(node, path, "expected a mapping of task to model, e.g. { chat: fast, code: coder }")
            return nil
        }
        var read = TaskMapRead(owner: owner, node: node, path: path, entries: [])
        for (keyNode, valueNode) in mapping {
            guard let task = keyNode.string else {
                w.error(keyNode, path, "expected a task name")
                continue
            }
            let entryPath = w.join(path, task)
            if case .sequence(let groups) = valueNode {
                if groups.isEmpty { w.error(valueNode, entryPath, "expected at least one model") }
                for (i, groupNode) in groups.enumerated() {
                    let groupPath = "\(entryPath)[\(i)]"
                    if let group = w.string(groupNode, groupPath) { read.entries.append((task, group, groupNode, groupPath)) }
                }
                continue
            }
            guard let group = w.string(valueNode, entryPath) else { continue }
            read.entries.append((task, group, valueNode, entryPath))
        }
        return read
    }

    /// The teams' own `tasks:` maps (the rest of each team is read with the governance).
    static func readTeamTaskMaps(_ node: Node, walker w: inout YAMLWalker) -> [TaskMapRead] {
        guard case .sequence(let list) = node else { return [] }
        return list.enumerated().compactMap { i, item in
            guard let map = item.mapping, let tasks = map["tasks"], let name = map["name"]?.string else { return nil }
            return readTaskMap(tasks, "teams[\(i)].tasks", owner: name, walker: &w)
        }
    }

    /// The `task_routing:` section.
    static func readTaskRouting(_ node: Node, walker w: inout YAMLWalker) -> (longContextTokens: Int, rules: [TaskRuleSpec]) {
        var threshold = TaskClassifier.defaultLongContextTokens
        var rules: [TaskRuleSpec] = []
        guard let map = w.mapping(node, "task_routing", allowed: ["long_context_tokens", "rules"]) else { return (threshold, rules) }
        if let value = map["long_context_tokens"].flatMap({
            w.integer($0, "task_routing.long_context_tokens", minimum: 1, maximum: InputBounds.tokens.upperBound)
        }) {
            threshold = value
        }
        if let list = map["rules"].flatMap({ w.sequence($0, "task_routing.rules") }) {
            for (i, item) in list.enumerated() {
                let path = "task_routing.rules[\(i)]"
                guard let rule = w.mapping(item, path, allowed: ["task", "keywords", "patterns", "in", "key_metadata"]) else {
                    continue
                }
                guard let task = rule["task"].flatMap({ w.string($0, w.join(path, "task")) }) else {
                    if rule["task"] == nil { w.error(item, w.join(path, "task"), "missing: the task this rule declares") }
                    continue
                }
                let keywords = strings(rule["keywords"], w.join(path, "keywords"), walker: &w)
                let patterns = strings(rule["patterns"], w.join(path, "patterns"), walker: &w)
                var texts = strings(rule["in"], w.join(path, "in"), walker: &w)
                if rule["in"] == nil { texts = ["user"] }
                for (k, text) in texts.enumerated() where TaskRule.Text(rawValue: text) == nil {
                    w.error(rule["in"], "\(path).in[\(k)]", "expected user or system, got '\(text)'")
                }
                var metadata: [String: String] = [:]
                if let node = rule["key_metadata"] {
                    if case .mapping(let pairs) = node {
                        for (nameNode, value) in pairs {
                            guard let name = nameNode.string else { continue }
                            if let text = w.string(value, w.join(path, "key_metadata.\(name)")) { metadata[name] = text }
                        }
                    } else {
                        w.error(node, w.join(path, "key_metadata"), "expected a mapping of metadata key to value, e.g. { department: legal }")
                    }
                }
                if keywords.isEmpty && patterns.isEmpty && metadata.isEmpty {
                    w.error(item, path, "a rule needs keywords, patterns or key_metadata to match")
                }
                let spec = TaskRuleSpec(task: task, keywords: keywords, patterns: patterns, texts: texts,
                                        keyMetadata: metadata)
                if let bad = spec.rule.invalidPattern {
                    w.error(rule["patterns"], w.join(path, "patterns"), "not a regular expression: /\(bad.pattern)/: \(bad.reason)")
                }
                rules.append(spec)
            }
        }
        return (threshold, rules)
    }

    private static func strings(_ node: Node?, _ path: String, walker w: inout YAMLWalker) -> [String] {
        guard let node, let list = w.sequence(node, path) else { return [] }
        return list.enumerated().compactMap { w.string($0.element, "\(path)[\($0.offset)]") }
    }

    /// Checks every task map against the groups and what they can do: each group exists, each task is known
    /// (built-in or declared by a rule), a task model has a chat entry, and a group serving `vision`, `tools` or
    /// `long_context` can (per the price catalog; a deployment it does not know is a warning, not an error).
    static func checkTaskMaps(
        _ maps: [TaskMapRead], models: [String: [DeploymentSpec]], capabilities: [String: Set<ModelCapability>],
        rules: [TaskRuleSpec], longContextTokens: Int, requireChat: Bool, walker w: inout YAMLWalker
    ) {
        let known = Set(TaskName.builtIn.map(\.rawValue) + rules.map(\.task))
        for map in maps {
            if let escalate = map.escalate, models[escalate.spec.to] == nil {
                w.error(escalate.node, escalate.path,
                        "unknown model '\(escalate.spec.to)'; models: \(models.keys.sorted().joined(separator: ", "))")
            }
            if requireChat, !map.entries.contains(where: { $0.task == TaskName.chat.rawValue }) {
                w.error(map.node, map.path, "missing chat: every task model needs a chat entry (tasks without an entry use it)")
            }
            for entry in map.entries {
                if !known.contains(entry.task) {
                    let hint = YAMLWalker.closest(to: entry.task, in: known.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
                    w.error(entry.node, entry.path, "unknown task '\(entry.task)'\(hint); tasks: \(known.sorted().joined(separator: ", "))")
                    continue
                }
                guard let deployments = models[entry.group] else {
                    w.error(entry.node, entry.path, "unknown model '\(entry.group)'; models: \(models.keys.sorted().joined(separator: ", "))")
                    continue
                }
                checkCapability(entry, deployments: deployments, capabilities: capabilities,
                                longContextTokens: longContextTokens, walker: &w)
            }
        }
    }

    private static func checkCapability(
        _ entry: (task: String, group: String, node: Node, path: String), deployments: [DeploymentSpec],
        capabilities: [String: Set<ModelCapability>], longContextTokens: Int, walker w: inout YAMLWalker
    ) {
        let needed: ModelCapability?
        switch TaskName(rawValue: entry.task) {
        case .vision: needed = .vision
        case .tools: needed = .tools
        case .longContext:
            for d in deployments where d.contextWindow < longContextTokens {
                w.error(entry.node, entry.path, "model '\(entry.group)' cannot serve long_context: deployment \(d.id) "
                        + "has a \(d.contextWindow)-token context window, below long_context_tokens (\(longContextTokens))")
                return
            }
            return
        default: needed = nil
        }
        guard let needed else { return }
        for d in deployments {
            guard let can = capabilities[d.id] else {
                w.warning(entry.node, entry.path, "cannot check that deployment \(d.id) supports \(needed.rawValue): "
                          + "the price catalog does not know \(d.upstreamModel)")
                continue
            }
            if !can.contains(needed) {
                w.error(entry.node, entry.path, "model '\(entry.group)' cannot serve \(entry.task): deployment \(d.id) "
                        + "(\(d.upstreamModel)) has no \(needed.rawValue) support per the price catalog")
                return
            }
        }
    }

    /// A read map as the catalog stores it.
    static func taskDictionary(_ map: TaskMapRead) -> [String: [String]] {
        map.entries.reduce(into: [:]) { tasks, entry in tasks[entry.task, default: []].append(entry.group) }
    }
}
