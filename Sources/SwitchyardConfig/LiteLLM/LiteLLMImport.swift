import Foundation
import SwitchyardCore
import Yams

/// Translates a LiteLLM proxy config into an equivalent Switchyard config: `model_list` into providers, model
/// groups and deployments, `router_settings` into strategies, fallbacks and timeouts, the proxy budget into a global
/// budget. Whatever has no counterpart becomes a `# not mapped:` comment and a note; no key is ever copied.
/// A pure function of the text: the same file always gives the same config.
public enum LiteLLMImport {
    /// `yaml`, the LiteLLM file's text; `file` names it in the header and in errors.
    public static func translate(yaml: String, file: String) throws(LiteLLMImportError) -> LiteLLMImportResult {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw LiteLLMImportError.notYAML(file: file, detail: Self.syntax(error))
        }
        guard let map = root?.mapping, let list = map["model_list"] else { throw LiteLLMImportError.noModelList(file: file) }
        guard let items = list.sequence else { throw LiteLLMImportError.noModelList(file: file) }

        var notes: [LiteLLMNote] = []
        var entries: [LiteLLMEntry] = []
        for (i, item) in items.enumerated() {
            if let entry = LiteLLMEntry.read(item, index: i, skipped: &notes) { entries.append(entry) }
        }
        guard !entries.isEmpty else { throw LiteLLMImportError.nothingMapped(file: file, notes: notes) }
        var settings = LiteLLMSettings(map)
        settings.settleBudget()
        let providers = LiteLLMProvider.providers(for: entries)
        var groupNotes: [LiteLLMNote] = []
        let groups = LiteLLMModelGroup.groups(entries, settings: settings, notes: &groupNotes)
        let entryNotes = entries.flatMap(Self.entryNotes)

        var writer = LiteLLMConfigWriter(file: file, providers: providers)
        let yaml = writer.write(groups: groups, settings: settings, skipped: notes, groupNotes: groupNotes)
        return LiteLLMImportResult(
            yaml: yaml, notes: notes + entryNotes + groupNotes + settings.notes,
            keysToExport: providers.filter { if case .literal = $0.identity.key { true } else { false } }.compactMap(\.apiKeyEnv))
    }

    /// What one entry's deployment leaves out: parameters without counterpart, values not taken, rate limits.
    static func entryNotes(_ entry: LiteLLMEntry) -> [LiteLLMNote] {
        var notes = entry.problems.map { LiteLLMNote(path: entry.path, message: "\(entry.modelName): \($0)") }
        if !entry.unmapped.isEmpty {
            notes.append(LiteLLMNote(path: entry.path, message: "\(entry.modelName): \(entry.unmapped.joined(separator: ", ")) (no Switchyard counterpart)"))
        }
        let limits = [entry.rpm.map { "rpm \(LiteLLMYAMLText.number($0))" }, entry.tpm.map { "tpm \(LiteLLMYAMLText.number($0))" }].compactMap { $0 }
        if !limits.isEmpty {
            notes.append(LiteLLMNote(
                path: entry.path,
                message: "\(entry.modelName): \(limits.joined(separator: ", ")) \(limits.count == 1 ? "is" : "are") not enforced per deployment; Switchyard limits rates per team and key (teams: rpm/tpm, ctl keys create --rpm --tpm)"))
        }
        return notes
    }

    private static func syntax(_ error: any Error) -> String {
        guard let yaml = error as? YamlError else { return "\(error)" }
        switch yaml {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "line \(mark.line), column \(mark.column): \(problem)"
        default:
            return "\(yaml)"
        }
    }
}
