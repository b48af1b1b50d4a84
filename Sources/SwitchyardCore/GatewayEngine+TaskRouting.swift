import SwitchyardWire

extension GatewayEngine {
    /// Where a request to a task-routed model goes, decided from the request alone (no upstream is called):
    /// what `handle` does before admission, and what `ctl route explain` shows. Nil when `model` is not task-routed.
    /// `estimatedTokens` is the prompt's estimate when the caller has it (the ingress counted it), else it is counted;
    /// with `maxOutputTokens`, what an entry listing several groups prices them by when it prefers cost.
    public func explainTaskRoute(
        model: String, payload: ClientRequest?, team: String?, declaredTask: String?, estimatedTokens: Int? = nil,
        maxOutputTokens: Int = 1024, keyMetadata: [String: String] = [:]
    ) -> TaskRoute? {
        // One read of the table: a reload between reads must not mix two configs' task maps.
        let table = routing
        guard let taskModel = table.taskModels[model] else { return nil }
        let tokens = estimatedTokens ?? payload?.estimatedInputTokens ?? 0
        let signals = payload?.taskSignals(estimatedTokens: tokens) ?? TaskSignals()
        let decision = table.taskClassifier.classify(signals, explicit: declaredTask, keyMetadata: keyMetadata)
        let teamTasks = team.flatMap { table.index.catalog.taskRouting.teamTasks[$0] }
        let (groups, from) = taskModel.groups(for: decision.task, team: teamTasks)
        // What choosing by cost prices: this request's prompt and completion ceiling.
        let request = GatewayRequest(id: "", model: model, inputTokens: tokens, maxOutputTokens: maxOutputTokens)
        let (group, why) = TaskGroupChoice.choose(groups, prefer: taskModel.prefer) { name in
            guard let g = table.index.groupByName[name] else { return TaskGroupStanding(serving: false) }
            let now = clock.now()
            return state.withLock { $0.standing(group: g, request: request, now: now) }
        }
        let via = why.map { "\(from): \($0)" } ?? from
        let escalation = taskModel.escalate.flatMap { $0.to == group ? nil : $0 }
        return TaskRoute(model: model, decision: decision, group: group, via: via, escalation: escalation)
    }

    /// Places a request to a task-routed model on its task's group: the request now names that group, carries
    /// the route, and loses the routing metadata no upstream is told about.
    func routeByTask(_ request: inout GatewayRequest) {
        guard let route = explainTaskRoute(model: request.model, payload: request.payload, team: request.team,
                                           declaredTask: request.declaredTask, estimatedTokens: request.inputTokens,
                                           maxOutputTokens: request.maxOutputTokens, keyMetadata: request.keyMetadata)
        else { return }
        request.task = route
        request.model = route.group
        request.payload = request.payload?.withoutTaskMetadata
        request.nativeResponses = request.nativeResponses?.withoutTaskMetadata
    }
}
