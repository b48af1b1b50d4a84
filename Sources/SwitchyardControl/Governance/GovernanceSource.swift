/// Who owns a team or budget: the config file (read-only over the API) or the control API.
public enum GovernanceSource: String, Sendable, Codable, Hashable {
    case config, api
}
