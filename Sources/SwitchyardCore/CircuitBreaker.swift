/// A change of breaker state worth an event.
enum BreakerTransition: Equatable {
    case none
    case opened(reason: String)
    case halfOpened
    case closed
}

/// Per-deployment circuit breaker: closed → open on consecutive failures or a high error rate,
/// → half-open after the open interval (one probe) → closed on probe success, open again on probe failure.
struct CircuitBreaker {
    private(set) var state: BreakerState = .closed
    private(set) var openedAt: Double = 0
    private(set) var probeInFlight = false
    private var consecutiveFailures = 0
    private var outcomes: CountWindow
    private var failures: CountWindow
    private let config: BreakerConfig

    init(config: BreakerConfig) {
        self.config = config
        outcomes = CountWindow(seconds: max(1, config.errorRateWindow))
        failures = CountWindow(seconds: max(1, config.errorRateWindow))
    }

    /// Moves open → half-open once the open interval has passed.
    mutating func refresh(now: Double) -> BreakerTransition {
        if state == .open, now >= openedAt + config.openInterval {
            state = .halfOpen
            probeInFlight = false
            return .halfOpened
        }
        return .none
    }

    /// Whether a new attempt may go to this deployment now.
    var admits: Bool {
        switch state {
        case .closed: true
        case .halfOpen: !probeInFlight
        case .open: false
        }
    }

    /// Marks an attempt as sent; in half-open it is the single probe.
    /// An admitted attempt ended without a verdict (the client left): a half-open breaker may probe again.
    mutating func abandon() {
        if state == .halfOpen { probeInFlight = false }
    }

    mutating func admit() {
        if state == .halfOpen { probeInFlight = true }
    }

    /// Records an attempt's outcome; `healthFailure` is true for 429/5xx/timeout/connect.
    mutating func record(healthFailure: Bool, now: Double) -> BreakerTransition {
        switch state {
        case .open:
            // Attempts admitted before the breaker opened finish late; they change nothing.
            return .none
        case .halfOpen:
            probeInFlight = false
            if healthFailure {
                open(at: now)
                return .opened(reason: "probe failed")
            }
            close()
            return .closed
        case .closed:
            outcomes.add(1, at: now)
            guard healthFailure else {
                consecutiveFailures = 0
                return .none
            }
            failures.add(1, at: now)
            consecutiveFailures += 1
            if consecutiveFailures >= config.consecutiveFailures {
                let n = consecutiveFailures
                open(at: now)
                return .opened(reason: "\(n) consecutive failures")
            }
            let total = outcomes.sum(lastSeconds: config.errorRateWindow, now: now)
            if total >= Double(config.minRequests) {
                let rate = failures.sum(lastSeconds: config.errorRateWindow, now: now) / total
                if rate > config.errorRateThreshold {
                    open(at: now)
                    return .opened(reason: "error rate \(Int((rate * 100).rounded()))% over \(config.errorRateWindow)s")
                }
            }
            return .none
        }
    }

    /// Opens at once, whatever the counts: for a fault that will not clear by itself (a refused credential).
    /// The usual cool-down and half-open probe follow, so a fixed key brings the deployment back.
    mutating func trip(now: Double, reason: String) -> BreakerTransition {
        guard state != .open else { return .none }
        open(at: now)
        return .opened(reason: reason)
    }

    /// Closes an open or half-open breaker at once: the cause was fixed by configuration (a new key), so there is
    /// nothing to wait out.
    mutating func reset() -> BreakerTransition {
        guard state != .closed else { return .none }
        close()
        return .closed
    }

    private mutating func open(at now: Double) {
        state = .open
        openedAt = now
        probeInFlight = false
        consecutiveFailures = 0
    }

    private mutating func close() {
        state = .closed
        consecutiveFailures = 0
        // A fresh window: failures from before the outage must not reopen a recovered deployment.
        outcomes = CountWindow(seconds: max(1, config.errorRateWindow))
        failures = CountWindow(seconds: max(1, config.errorRateWindow))
    }
}
