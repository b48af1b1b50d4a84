import SwitchyardCore

extension GovernorState {
    /// Makes `records` the whole set of keys, as another replica left them in the shared store. Records that fail
    /// the checks a new key passes are skipped and named; a key that stays keeps its rate window.
    mutating func replaceKeys(with records: [VirtualKeyRecord]) -> (changed: Bool, skipped: [String]) {
        let wanted = Dictionary(records.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        guard wanted != keys else { return (false, []) }
        let previous = (keys, keyByHash)
        keys = [:]
        keyByHash = [:]
        var skipped: [String] = []
        for record in records.sorted(by: { $0.name < $1.name }) {
            do {
                try addKey(record, checkReferences: false)
            } catch {
                skipped.append("key '\(record.name)': \(error)")
            }
        }
        for name in keyRates.keys where keys[name] == nil { keyRates[name] = nil }
        return (keys != previous.0, skipped)
    }
}
