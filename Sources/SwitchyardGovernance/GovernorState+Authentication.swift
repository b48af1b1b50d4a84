import SwitchyardCore

extension GovernorState {
    /// Resolves the credential a client sent (parsed, and its SHA-256 when there is a secret — both computed by
    /// the caller outside the lock) to the key it names; see `Governor.authenticate`.
    func authenticate(
        credential: Result<String?, GatewayError>, hash: String?, now: Double
    ) -> Result<Principal, GatewayError> {
        let secret: String?
        switch credential {
        case .success(let value): secret = value
        case .failure(let error):
            // Open mode serves local tools that send placeholder headers; only keys mode insists on a clean one.
            if policy.auth == .open { return .success(.anonymous) }
            return .failure(error)
        }
        guard let secret else {
            if policy.auth == .open { return .success(.anonymous) }
            var message = "missing API key: send Authorization: Bearer <virtual key> (or x-api-key, or for Gemini "
                + "clients x-goog-api-key or ?key=)"
            if keys.isEmpty {
                message += "; no virtual keys exist yet: create one with `switchyard ctl keys create --name NAME`"
            }
            return .failure(Self.unauthorized(message, code: "missing_api_key"))
        }
        guard let name = keyByHash[hash ?? KeyMint.hash(secret)], let record = keys[name] else {
            if policy.auth == .open { return .success(.anonymous) }
            return .failure(Self.unauthorized(
                "invalid API key: no virtual key matches the one sent (keys are shown once, when created)",
                code: "invalid_api_key"))
        }
        if let revoked = record.revokedAt, now >= revoked {
            return .failure(Self.unauthorized(
                "API key '\(record.name)' (\(record.prefix)…) was revoked at \(AdmissionText.time(revoked, in: zone))",
                code: "key_revoked"))
        }
        if let expiry = record.expiresAt, now >= expiry {
            return .failure(Self.unauthorized(
                "API key '\(record.name)' (\(record.prefix)…) expired at \(AdmissionText.time(expiry, in: zone))",
                code: "key_expired"))
        }
        return .success(Principal(key: record.name, team: record.team, metadata: record.metadata))
    }

    static func unauthorized(_ message: String, code: String) -> GatewayError {
        GatewayError(kind: .unauthorized, status: 401, message: message, code: code)
    }
}
