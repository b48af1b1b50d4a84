import Foundation

/// Model list prices, context windows and capabilities: the built-in table shipped with Switchyard, or any
/// table in the same JSON form (`{"pricesTakenOn", "source", "models": [PriceEntry]}`).
public struct PriceCatalog: Sendable {
    /// The day the prices were taken, `YYYY-MM-DD`.
    public let pricesTakenOn: String
    /// Where the figures come from.
    public let source: String
    /// Every entry, in file order.
    public let entries: [PriceEntry]
    /// Lower-cased id → entry indices (several providers may sell the same id at different prices).
    let byID: [String: [Int]]
    /// Lower-cased alias → entry indices.
    let byAlias: [String: [Int]]

    /// Number of models in the catalog.
    public var count: Int { entries.count }

    /// Builds a catalog after checking every entry: non-negative finite prices, a context window, a parseable
    /// date, and no id listed twice for one provider.
    public init(pricesTakenOn: String, source: String, entries: [PriceEntry]) throws {
        guard Self.isCalendarDate(pricesTakenOn) else {
            throw PriceCatalogError("pricesTakenOn '\(pricesTakenOn)' is not a YYYY-MM-DD date")
        }
        var byID: [String: [Int]] = [:]
        var byAlias: [String: [Int]] = [:]
        for (i, e) in entries.enumerated() {
            let at = "models[\(i)] (\(e.id))"
            if e.id.isEmpty || e.provider.isEmpty { throw PriceCatalogError("\(at): id and provider must not be empty") }
            for (name, value) in [("input", e.input), ("output", e.output), ("cachedInput", e.cachedInput ?? 0)]
            where !value.isFinite || value < 0 {
                throw PriceCatalogError("\(at): \(name) must be a finite number ≥ 0, got \(value)")
            }
            if e.contextWindow < 1 { throw PriceCatalogError("\(at): contextWindow must be ≥ 1") }
            let key = e.id.lowercased()
            if let other = byID[key]?.first(where: { entries[$0].provider == e.provider }) {
                throw PriceCatalogError("\(at): duplicate of models[\(other)] for provider \(e.provider)")
            }
            byID[key, default: []].append(i)
            for alias in Set(e.aliases.map { $0.lowercased() }) where alias != key {
                byAlias[alias, default: []].append(i)
            }
        }
        self.pricesTakenOn = pricesTakenOn
        self.source = source
        self.entries = entries
        self.byID = byID
        self.byAlias = byAlias
    }

    /// Decodes and checks a catalog in the resource's JSON form.
    public init(json data: Data) throws {
        struct File: Decodable {
            var pricesTakenOn: String
            var source: String?
            var models: [PriceEntry]
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw PriceCatalogError("malformed JSON: \(error)")
        }
        try self.init(pricesTakenOn: file.pricesTakenOn, source: file.source ?? "", entries: file.models)
    }

    /// The catalog compiled into the binary (from `Resources/model-prices.json`), read and checked once; throws
    /// `PriceCatalogError` if it is invalid (callers then treat every model without a configured price as unknown
    /// cost).
    public static var builtIn: PriceCatalog {
        get throws { try loadedBuiltIn.get() }
    }

    private static let loadedBuiltIn: Result<PriceCatalog, PriceCatalogError> = {
        guard let text = EmbeddedPrices.files.first(where: { $0.name == "model-prices" })?.text else {
            return .failure(PriceCatalogError("model-prices.json was not compiled in"))
        }
        do {
            return .success(try PriceCatalog(json: Data(text.utf8)))
        } catch let error as PriceCatalogError {
            return .failure(error)
        } catch {
            return .failure(PriceCatalogError("cannot read model-prices.json: \(error)"))
        }
    }()

    /// Whether `text` is a real `YYYY-MM-DD` day (rejects 2025-02-30).
    static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return false }
        calendar.timeZone = utc
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components) else { return false }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        return back.year == year && back.month == month && back.day == day
    }
}
