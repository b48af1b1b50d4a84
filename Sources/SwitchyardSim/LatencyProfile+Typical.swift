import SwitchyardCore

/// Realistic 2025–2026 speeds by model family and host, so simulated deployments feel like the real ones.
extension LatencyProfile {
    /// A plausible profile for `deployment`, from its public model name and provider.
    public static func typical(for deployment: DeploymentSpec) -> LatencyProfile {
        var profile = family(deployment.model)
        // Hosted resellers add a routing hop and often run older serving stacks.
        switch deployment.provider {
        case "groq":
            profile.ttftMedian *= 0.35
            profile.tokensPerSecondMedian *= 4.5
            profile.ttftSigma = 0.3
        case "together":
            profile.tokensPerSecondMedian *= 1.6
        case "azure":
            profile.ttftMedian *= 1.1
        case "bedrock", "vertex":
            profile.ttftMedian *= 1.2
            profile.tokensPerSecondMedian *= 0.9
        default:
            break
        }
        return profile
    }

    private static func family(_ model: String) -> LatencyProfile {
        let m = model.lowercased()
        if m.contains("mini") {
            return LatencyProfile(ttftMedian: 0.30, tokensPerSecondMedian: 110)
        }
        if m.contains("gpt-4o") || m.contains("gpt-4.1") {
            return LatencyProfile(ttftMedian: 0.40, tokensPerSecondMedian: 70)
        }
        if m.contains("haiku") {
            return LatencyProfile(ttftMedian: 0.35, tokensPerSecondMedian: 120)
        }
        if m.contains("sonnet") || m.contains("claude") {
            return LatencyProfile(ttftMedian: 0.60, ttftSigma: 0.4, tokensPerSecondMedian: 60)
        }
        if m.contains("llama") {
            return LatencyProfile(ttftMedian: 0.35, tokensPerSecondMedian: 75)
        }
        if m.contains("deepseek") {
            return LatencyProfile(ttftMedian: 0.55, ttftSigma: 0.45, tokensPerSecondMedian: 40)
        }
        return LatencyProfile(ttftMedian: 0.50, tokensPerSecondMedian: 60)
    }
}
