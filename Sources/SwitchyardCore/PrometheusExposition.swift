/// Renders a `MetricsSnapshot` in the Prometheus text exposition format 0.0.4.
/// Pure string building (no I/O), so it lives beside the snapshot and is usable without the HTTP server.
public enum PrometheusExposition {
    /// The `Content-Type` of the rendered text.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The whole exposition: every metric family once, with `# HELP` and `# TYPE`, series in catalog order;
    /// `process` adds the standard `process_*` families.
    public static func render(_ snapshot: MetricsSnapshot, process: ProcessSample? = nil) -> String {
        var w = ExpositionWriter()
        renderRequests(snapshot, into: &w)
        renderUpstreams(snapshot, into: &w)
        renderSpenders(snapshot, into: &w)
        renderBudgets(snapshot, into: &w)
        if let export = snapshot.traceExport { renderTraceExport(export, into: &w) }
        w.family("switchyard_build_info", .gauge, "Always 1; the version of the running gateway is its label.")
        w.sample("switchyard_build_info", [("version", SwitchyardVersion.current)], UInt64(1))
        if let process { renderProcess(process, into: &w) }
        return w.text
    }

    private static func renderRequests(_ s: MetricsSnapshot, into w: inout ExpositionWriter) {
        w.family("switchyard_requests_total", .counter, "Requests served, by requested model and HTTP status.")
        for m in s.models {
            for r in m.requests {
                w.sample("switchyard_requests_total",
                         [("model", m.name), ("code", codeLabel(r)), ("status_class", r.statusClass)], r.count)
            }
        }
        for r in s.unknownModelRequests {
            w.sample("switchyard_requests_total",
                     [("model", unknownModelLabel), ("code", codeLabel(r)), ("status_class", r.statusClass)], r.count)
        }
        w.family("switchyard_request_duration_seconds", .histogram,
                 "End-to-end request latency in seconds, by requested model (streams until they end).")
        for m in s.models { w.histogram("switchyard_request_duration_seconds", [("model", m.name)], m.duration) }
        w.family("switchyard_time_to_first_token_seconds", .histogram,
                 "Seconds from request start to the first token, by requested model.")
        for m in s.models {
            w.histogram("switchyard_time_to_first_token_seconds", [("model", m.name)], m.timeToFirstToken)
        }
        w.family("switchyard_time_per_output_token_seconds", .histogram,
                 "Seconds per output token after the first, by requested model (streams of two or more tokens).")
        for m in s.models {
            if let h = m.timePerOutputToken {
                w.histogram("switchyard_time_per_output_token_seconds", [("model", m.name)], h)
            }
        }
        w.family("switchyard_served_requests_total", .counter,
                 "Requests answered, by requested model and the model group that answered (fallbacks, downgrades).")
        for m in s.models {
            for served in s.models where served.name == m.name || m.servedBy[served.name] != nil {
                w.sample("switchyard_served_requests_total", [("model", m.name), ("served_model", served.name)],
                         m.servedBy[served.name] ?? 0)
            }
        }
        w.family("switchyard_fallbacks_total", .counter,
                 "Requests moved to another deployment or model group, by requested model.")
        for m in s.models {
            for scope in FallbackScope.allCases {
                w.sample("switchyard_fallbacks_total", [("model", m.name), ("scope", scope.rawValue)],
                         m.fallbacks[scope] ?? 0)
            }
        }
        w.family("switchyard_in_flight_requests", .gauge, "Requests being served now.")
        w.sample("switchyard_in_flight_requests", [], UInt64(max(0, s.inFlightRequests)))
        w.family("switchyard_ledger_errors_total", .counter,
                 "Requests answered whose spend ledger row could not be written.")
        w.sample("switchyard_ledger_errors_total", [], s.ledgerErrors)
    }

    private static func renderUpstreams(_ s: MetricsSnapshot, into w: inout ExpositionWriter) {
        let deps = s.deployments
        w.family("switchyard_upstream_attempts_total", .counter, "Upstream attempts, by deployment and outcome.")
        for d in deps {
            for outcome in AttemptOutcomeClass.allCases {
                w.sample("switchyard_upstream_attempts_total", labels(d) + [("outcome", outcome.rawValue)],
                         d.attempts[outcome] ?? 0)
            }
        }
        w.family("switchyard_upstream_attempt_duration_seconds", .histogram,
                 "Latency of successful upstream attempts in seconds, by deployment.")
        for d in deps { w.histogram("switchyard_upstream_attempt_duration_seconds", labels(d), d.latency) }
        w.family("switchyard_tokens_total", .counter, "Tokens billed, by deployment and direction.")
        for d in deps {
            w.sample("switchyard_tokens_total", labels(d) + [("direction", "input")], d.inputTokens)
            w.sample("switchyard_tokens_total", labels(d) + [("direction", "output")], d.outputTokens)
        }
        w.family("switchyard_spend_usd_total", .counter, "US dollars billed at list price, by deployment.")
        for d in deps { w.sample("switchyard_spend_usd_total", labels(d), d.spendUSD) }
        w.family("switchyard_breaker_state", .gauge, "1 for the circuit breaker's current state, 0 for the others.")
        for d in deps {
            for state in BreakerState.allCases {
                w.sample("switchyard_breaker_state", labels(d) + [("state", state.rawValue)],
                         UInt64(d.breaker == state ? 1 : 0))
            }
        }
        w.family("switchyard_deployment_cooling", .gauge, "1 while the deployment is in a 429 cooldown.")
        for d in deps { w.sample("switchyard_deployment_cooling", labels(d), UInt64(d.cooling ? 1 : 0)) }
        w.family("switchyard_deployment_enabled", .gauge, "1 unless an operator disabled the deployment or provider.")
        for d in deps { w.sample("switchyard_deployment_enabled", labels(d), UInt64(d.enabled ? 1 : 0)) }
        w.family("switchyard_deployment_weight", .gauge, "Routing weight in effect, overrides applied.")
        for d in deps { w.sample("switchyard_deployment_weight", labels(d), d.weight) }
        w.family("switchyard_deployment_in_flight_attempts", .gauge, "Upstream attempts in flight now.")
        for d in deps { w.sample("switchyard_deployment_in_flight_attempts", labels(d), UInt64(max(0, d.inFlight))) }
    }

    private static func renderSpenders(_ s: MetricsSnapshot, into w: inout ExpositionWriter) {
        w.family("switchyard_key_requests_total", .counter, "Requests by virtual key (and the key's team).")
        for k in s.keys { w.sample("switchyard_key_requests_total", keyLabels(k), k.totals.requests) }
        w.family("switchyard_key_spend_usd_total", .counter, "US dollars billed, by virtual key (and the key's team).")
        for k in s.keys { w.sample("switchyard_key_spend_usd_total", keyLabels(k), k.totals.spendUSD) }
        let teams = s.teams.keys.sorted()
        w.family("switchyard_team_requests_total", .counter, "Requests by team.")
        for t in teams { w.sample("switchyard_team_requests_total", [("team", t)], s.teams[t]?.requests ?? 0) }
        w.family("switchyard_team_spend_usd_total", .counter, "US dollars billed, by team.")
        for t in teams { w.sample("switchyard_team_spend_usd_total", [("team", t)], s.teams[t]?.spendUSD ?? 0) }
    }

    private static func renderBudgets(_ s: MetricsSnapshot, into w: inout ExpositionWriter) {
        let families: [(String, String, (BudgetSnapshot) -> Double)] = [
            ("switchyard_budget_limit_usd", "A budget's limit in US dollars for its current period.", { $0.limit }),
            ("switchyard_budget_spent_usd", "US dollars a budget has spent in its current period.", { $0.spent }),
            ("switchyard_budget_reserved_usd", "US dollars held by requests in flight under a budget.", { $0.reserved }),
            ("switchyard_budget_remaining_usd", "US dollars a budget can still admit: limit − spent − reserved, at least 0.",
             { max(0, $0.limit - $0.spent - $0.reserved) }),
        ]
        for (name, help, value) in families {
            w.family(name, .gauge, help)
            for b in s.budgets { w.sample(name, budgetLabels(b), value(b)) }
        }
    }

    private static func renderTraceExport(_ c: TraceExportCounts, into w: inout ExpositionWriter) {
        w.family("switchyard_otlp_spans_exported_total", .counter, "Spans the OTLP collector accepted.")
        w.sample("switchyard_otlp_spans_exported_total", [], c.exported)
        w.family("switchyard_otlp_spans_dropped_total", .counter,
                 "Spans not exported: the export queue was full, the collector refused them or retries ran out.")
        w.sample("switchyard_otlp_spans_dropped_total", [], c.dropped)
        w.family("switchyard_otlp_spans_queued", .gauge, "Spans waiting for export to the OTLP collector.")
        w.sample("switchyard_otlp_spans_queued", [], c.queued)
    }

    private static func renderProcess(_ p: ProcessSample, into w: inout ExpositionWriter) {
        w.family("process_cpu_seconds_total", .counter, "Total user and system CPU time spent in seconds.")
        w.sample("process_cpu_seconds_total", [], p.cpuSeconds)
        w.family("process_resident_memory_bytes", .gauge, "Resident memory size in bytes.")
        w.sample("process_resident_memory_bytes", [], UInt64(max(0, p.residentBytes)))
        w.family("process_virtual_memory_bytes", .gauge, "Virtual memory size in bytes.")
        w.sample("process_virtual_memory_bytes", [], UInt64(max(0, p.virtualBytes)))
        w.family("process_open_fds", .gauge, "Number of open file descriptors.")
        w.sample("process_open_fds", [], UInt64(max(0, p.openFiles)))
        w.family("process_max_fds", .gauge, "Maximum number of open file descriptors.")
        w.sample("process_max_fds", [], UInt64(max(0, p.maxFiles)))
        w.family("process_start_time_seconds", .gauge, "Start time of the process since unix epoch in seconds.")
        w.sample("process_start_time_seconds", [], p.startTime)
    }

    private static func keyLabels(_ k: KeyTotals) -> [(String, String)] {
        [("key", k.key), ("team", k.team ?? "")]
    }

    private static func budgetLabels(_ b: BudgetSnapshot) -> [(String, String)] {
        [("scope", b.scope.kind), ("name", b.scope.name ?? ""), ("period", b.period.rawValue)]
    }

    /// The `model` label of requests for names the catalog does not know; parentheses keep it apart from real names.
    public static let unknownModelLabel = "(unknown)"

    private static func labels(_ d: DeploymentMetrics) -> [(String, String)] {
        [("deployment", d.id), ("provider", d.provider), ("model", d.model)]
    }

    private static func codeLabel(_ r: StatusCount) -> String { r.code == 0 ? "other" : String(r.code) }

    /// Escapes a label value: backslash, double quote and line feed.
    public static func escapeLabelValue(_ value: String) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "\"" || $0 == "\n" }) else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 4)
        for c in value {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    /// A sample value: integers without a fraction, `+Inf`, `-Inf`, `NaN` as Prometheus spells them.
    public static func formatValue(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}
