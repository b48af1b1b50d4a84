import Foundation

/// Finding the catalog entry for an upstream model id.
///
/// Rules, in order (ids compare case-insensitively):
/// 1. the id exactly, then as a known alias;
/// 2. the id with provider prefixes stripped: a path prefix (`openai/gpt-4o`, `accounts/x/models/y`), a Bedrock
///    region and vendor prefix with its version suffix (`us.anthropic.claude-…-v1:0`), and a Vertex `@version`
///    (`claude-sonnet-4@20250514` → `claude-sonnet-4-20250514`); each form exact, then as an alias;
/// 3. every form above without a trailing date or snapshot number (`gpt-4o-2024-08-06`, `…-20241022`,
///    `…-0125`, `…-09-2025`, `…-001`), so an unlisted snapshot is priced as its base model; a listed snapshot
///    was already matched exactly in step 1.
/// When `provider` is given, an entry sold by that provider (its name equals the hint or is contained in it,
/// so `groq-eu` matches `groq`) wins over any other provider's entry, at whichever step either is found.
/// Azure deployment names are the user's own and are not guessed at: price those with `prices:`.
extension PriceCatalog {
    /// The entry for `model` as served by `provider` (a provider name or kind), or nil when its cost is unknown.
    public func lookup(provider: String?, model: String) -> PriceEntry? {
        let forms = Self.candidateForms(of: model)
        if let hint = provider?.lowercased(), !hint.isEmpty {
            for form in forms {
                if let i = matches(form).first(where: { Self.provider(entries[$0].provider, matches: hint) }) {
                    return entries[i]
                }
            }
        }
        for form in forms {
            if let i = matches(form).first { return entries[i] }
        }
        return nil
    }

    /// Entries whose id, then whose alias, is `form`.
    private func matches(_ form: String) -> [Int] {
        (byID[form] ?? []) + (byAlias[form] ?? [])
    }

    private static func provider(_ name: String, matches hint: String) -> Bool {
        let name = name.lowercased()
        return name == hint || hint.contains(name)
    }

    /// The lower-cased forms `model` is tried under, most specific first, without repeats.
    static func candidateForms(of model: String) -> [String] {
        let id = model.trimmingCharacters(in: .whitespaces).lowercased()
        var stripped = [id]
        if let slash = id.lastIndex(of: "/") { stripped.append(String(id[id.index(after: slash)...])) }
        for form in stripped where form.contains("@") {
            stripped.append(form.replacingOccurrences(of: "@", with: "-"))
            if let at = form.firstIndex(of: "@") { stripped.append(String(form[..<at])) }
        }
        for form in stripped {
            let regionless = dropPrefix(form, bedrockRegions)
            let vendorless = dropPrefix(regionless, bedrockVendors)
            stripped += [regionless, vendorless, dropBedrockVersion(vendorless)]
        }
        let undated = stripped.map(dropDateSuffix)
        var seen = Set<String>()
        return (stripped + undated).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    private static let bedrockRegions = ["us.", "eu.", "apac.", "global.", "us-gov.", "jp.", "au.", "ca."]
    private static let bedrockVendors = [
        "anthropic.", "meta.", "amazon.", "mistral.", "cohere.", "ai21.", "deepseek.", "openai.", "qwen.", "google.",
    ]

    private static func dropPrefix(_ text: String, _ prefixes: [String]) -> String {
        guard let prefix = prefixes.first(where: { text.hasPrefix($0) && text.count > $0.count }) else { return text }
        return String(text.dropFirst(prefix.count))
    }

    /// `claude-3-5-sonnet-20241022-v2:0` → `claude-3-5-sonnet-20241022`; `…-v1` → `…`.
    private static func dropBedrockVersion(_ text: String) -> String {
        var body = Substring(text)
        if let colon = body.lastIndex(of: ":"), body[body.index(after: colon)...].allSatisfy(\.isNumber) {
            body = body[..<colon]
        }
        guard let dash = body.lastIndex(of: "-") else { return String(body) }
        let tail = body[body.index(after: dash)...]
        if tail.first == "v", tail.count > 1, tail.dropFirst().allSatisfy(\.isNumber) { return String(body[..<dash]) }
        return String(body)
    }

    /// Removes one trailing date or snapshot number: `-2024-08-06`, `-20241022`, `-09-2025`, `-0125`, `-001`.
    private static func dropDateSuffix(_ text: String) -> String {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.count > 1 else { return text }
        func digits(_ s: Substring, _ n: Int) -> Bool { s.count == n && s.allSatisfy(\.isNumber) }
        let n = groups.count
        var drop = 0
        if n > 3, digits(groups[n - 3], 4), digits(groups[n - 2], 2), digits(groups[n - 1], 2) {
            drop = 3
        } else if n > 2, digits(groups[n - 2], 2), digits(groups[n - 1], 4) {
            drop = 2
        } else if digits(groups[n - 1], 8) || digits(groups[n - 1], 4) || digits(groups[n - 1], 3) {
            drop = 1
        }
        return drop == 0 ? text : groups.dropLast(drop).joined(separator: "-")
    }
}
