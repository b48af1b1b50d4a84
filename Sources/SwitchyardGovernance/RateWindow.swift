import SwitchyardCore

/// Requests and tokens of one key or team over a sliding 60-second window of one-second slots.
struct RateWindow: Sendable {
    private(set) var window = SlidingSum(width: 1, slots: 60)

    /// The refusal when one more request of `tokens` would pass `limits`, or nil when it fits.
    mutating func refusal(limits: RateLimits, tokens: Int, level: String, now: Double) -> GatewayError? {
        let (used, requests) = window.totals(now: now)
        if let rpm = limits.rpm, requests >= rpm {
            let retry = rpm > 0 ? secondsUntilFreed(needed: Double(requests + 1 - rpm), now: now, by: \.countValue) : nil
            let text = rpm > 0
                ? "\(level): \(requests + 1)/\(rpm) requests per minute"
                : "\(level): requests are disabled (rpm limit 0)"
            return rejection(text, retry: retry, status: status(limits: limits, now: now))
        }
        // In Double: a window's sum and one request's count are bounded, but their Int sum need not be.
        if let tpm = limits.tpm, used + Double(tokens) > Double(tpm) {
            let fits = tokens <= tpm
            let retry = fits ? secondsUntilFreed(needed: used + Double(tokens) - Double(tpm), now: now, by: \.value) : nil
            let text = fits
                ? "\(level): \(Int(saturating: used + Double(tokens)))/\(tpm) tokens per minute (this request counts \(tokens))"
                : "\(level): this request counts \(tokens) tokens, more than the whole limit of \(tpm) tokens per minute; lower max_tokens or the prompt"
            return rejection(text, retry: retry, status: status(limits: limits, now: now))
        }
        return nil
    }

    /// Counts an admitted request of `tokens` at `now`.
    mutating func record(tokens: Int, now: Double) {
        window.add(Double(tokens), count: 1, at: now)
    }

    /// Replaces a request's admission-time token estimate with what it really used.
    mutating func correct(tokens delta: Int, admittedAt: Double) {
        guard delta != 0 else { return }
        window.adjust(Double(delta), at: admittedAt)
    }

    /// Standing against `limits` at `now`, for `x-ratelimit-*` headers; nil when neither limit is set.
    mutating func status(limits: RateLimits, now: Double) -> RateLimitStatus? {
        guard limits.rpm != nil || limits.tpm != nil else { return nil }
        let (used, requests) = window.totals(now: now)
        var status = RateLimitStatus()
        if let rpm = limits.rpm {
            status.limitRequests = rpm
            status.remainingRequests = max(0, rpm - requests)
            status.resetRequests = window.live.first(where: { $0.count > 0 }).map { window.expiry(of: $0) - now } ?? 0
        }
        if let tpm = limits.tpm {
            status.limitTokens = tpm
            status.remainingTokens = max(0, tpm - min(tpm, Int(saturating: used.rounded(.up))))
            status.resetTokens = window.live.first(where: { $0.value > 0 }).map { window.expiry(of: $0) - now } ?? 0
        }
        return status
    }

    /// Seconds until slots leaving the window free `needed` requests or tokens.
    private func secondsUntilFreed(needed: Double, now: Double, by amount: (SlidingSum.Slot) -> Double) -> Double? {
        var freed = 0.0
        for slot in window.live {
            freed += amount(slot)
            if freed >= needed { return max(0, window.expiry(of: slot) - now) }
        }
        return nil
    }

    private func rejection(_ text: String, retry: Double?, status: RateLimitStatus?) -> GatewayError {
        var message = "rate limit exceeded: " + text
        if let retry { message += "; retry in \(AdmissionText.seconds(retry))" }
        return GatewayError(kind: .rateLimited, status: 429, message: message, retryAfter: retry,
                            code: "rate_limit_exceeded", rateLimit: status)
    }
}

extension SlidingSum.Slot {
    /// Requests in the slot, as a Double for shared arithmetic with token values.
    var countValue: Double { Double(count) }
}

extension RateLimitStatus {
    /// The tighter of two standings, field group by field group (requests and tokens separately).
    func tightest(with other: RateLimitStatus?) -> RateLimitStatus {
        guard let other else { return self }
        var result = self
        if let theirs = other.remainingRequests, theirs < (remainingRequests ?? .max) {
            result.limitRequests = other.limitRequests
            result.remainingRequests = theirs
            result.resetRequests = other.resetRequests
        }
        if let theirs = other.remainingTokens, theirs < (remainingTokens ?? .max) {
            result.limitTokens = other.limitTokens
            result.remainingTokens = theirs
            result.resetTokens = other.resetTokens
        }
        return result
    }
}
