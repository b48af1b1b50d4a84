import Foundation
import Testing
@testable import SwitchyardTUI

@Suite struct ThemeTests {
    @Test func parsesGoodFile() throws {
        let text = """
            # comment
            background = default
            text = bright_white bold   # inline comment
            ok = 34
            bad = #ff0000 underline
            selection = black on yellow
            """
        let theme = try ThemeParser.parse(text, name: "t", file: "t.theme")
        #expect(theme.appearance(.text).foreground == .index(15))
        #expect(theme.appearance(.text).bold)
        #expect(theme.appearance(.ok).foreground == .index(34))
        #expect(theme.appearance(.bad).foreground == .index(196))
        #expect(theme.appearance(.bad).underline)
        #expect(theme.appearance(.selection).foreground == .index(0))
        #expect(theme.appearance(.selection).background == .index(3))
        #expect(theme.appearance(.ok).background == .terminalDefault)
    }

    func error(_ text: String) -> ThemeError? {
        do {
            _ = try ThemeParser.parse(text, name: "x", file: "themes/x.theme")
            return nil
        } catch { return error }
    }

    @Test func unknownColorNamesFileAndLine() {
        let e = error("text = white\n\n# c\nok = green\nbad = red\nwarn = yellow\naccent = bleu\n")
        #expect(e?.description == "themes/x.theme:7: unknown color 'bleu'")
    }

    @Test func unknownKeyNamesFileAndLine() {
        #expect(error("text = white\nborderfocus = red\n")?.description == "themes/x.theme:2: unknown key 'borderfocus'")
    }

    @Test func missingEqualsNamesFileAndLine() {
        #expect(error("text white\n")?.description == "themes/x.theme:1: expected 'key = value', missing '='")
    }

    @Test func badAttributeAndBadBackground() {
        #expect(error("ok = green blinky\n")?.line == 1)
        #expect(error("ok = green\nbad = red on nothing\n")?.description == "themes/x.theme:2: unknown color 'nothing'")
        #expect(error("ok = 256\n")?.description == "themes/x.theme:1: unknown color '256'")
        #expect(error("ok =\n")?.line == 1)
    }

    @Test func hexMapsToNearestXterm() {
        #expect(ThemeColor.parse("#000000") == .index(16))
        #expect(ThemeColor.parse("#ffffff") == .index(231))
        #expect(ThemeColor.parse("#5fafff") == .index(75))
        #expect(ThemeColor.parse("#808080") == .index(244))
        #expect(ThemeColor.parse("#ff0001") == .index(196))
        #expect(ThemeColor.parse("#12345") == nil)
    }

    @Test func reducesToSmallPalettes() {
        #expect(ThemeColor.index(196).reduced(toPalette: 16) == .index(9))
        #expect(ThemeColor.index(196).reduced(toPalette: 8) == .index(1))
        #expect(ThemeColor.index(75).reduced(toPalette: 256) == .index(75))
        #expect(ThemeColor.terminalDefault.reduced(toPalette: 8) == .terminalDefault)
    }

    @Test func noColorForcesMono() throws {
        let theme = try ThemeCatalog.resolve("light", environment: ["NO_COLOR": "1"])
        #expect(theme.name == "mono")
        #expect(try ThemeCatalog.resolve("light", environment: ["NO_COLOR": ""]).name == "light")
        #expect(try ThemeCatalog.resolve(nil, environment: [:]).name == "default")
        #expect(throws: ThemeError.self) { try ThemeCatalog.resolve("nope", environment: ["NO_COLOR": "1"]) }
    }

    @Test func unknownThemeNameAndMissingFile() {
        #expect(throws: ThemeError.self) { try ThemeCatalog.resolve("nope", environment: [:]) }
        do {
            _ = try ThemeCatalog.resolve("/nonexistent/x.theme", environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "/nonexistent/x.theme")
        }
    }

    @Test func loadsThemeFileByPath() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sy-\(UInt32.random(in: 0...UInt32.max)).theme")
        try "text = red\nok = nope\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try ThemeCatalog.resolve(url.path, environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(url.path):2: unknown color 'nope'")
        }
    }

    /// Every file in `themes/` is compiled in, verbatim; the shipped four cycle in their order.
    @Test func builtinsAreTheShippedFiles() throws {
        let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: themes.path).filter { $0.hasSuffix(".theme") }
        #expect(Set(ThemeCatalog.builtinNames) == Set(files.map { String($0.dropLast(".theme".count)) }))
        #expect(Array(ThemeCatalog.builtinNames.prefix(4)) == ["default", "light", "high-contrast", "mono"])
    }

    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func builtinsMatchShippedFiles(name: String) throws {
        let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes")
        let file = try String(contentsOf: themes.appendingPathComponent("\(name).theme"), encoding: .utf8)
        #expect(ThemeCatalog.builtinSource(name) == file)
        let theme = try ThemeParser.parse(file, name: name, file: "\(name).theme")
        // Every role is set explicitly in shipped themes.
        #expect(Set(theme.roles.keys) == Set(Role.allCases))
    }
}
