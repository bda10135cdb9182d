import CFNTemplate
import Foundation
import Testing

/// Inputs the fuzzers (Fuzz/, Scripts/fuzz) found, kept as tests.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// FuzzLoadYAML: `\N` (U+0085, which libyaml reads as a line break) and the Unicode line and
    /// paragraph separators were written into `|` blocks and single quotes, and did not load back.
    @Test("Strings with YAML line-break characters round-trip through the emitter",
          arguments: ["a\u{85}b", "line one\nline \u{85} two\n", "x\u{2028}y", "p\u{2029}\nq", "single \u{85}", "\u{85}"])
    func lineBreakCharacters(_ text: String) throws {
        let root = Node.map(Mapping(["Description": .string(text)]))
        for shortForm in [true, false] {
            let yaml = Emitter.yaml(root, shortForm: shortForm)
            let again = try load(yaml)
            #expect(again.root["Description"]?.text == text, "\(yaml)")
        }
    }

    /// FuzzLoadJSON: a mapping key longer than 1024 characters was written as an implicit YAML key,
    /// which libyaml cannot read; it is now written as an explicit `? key`.
    @Test("Keys longer than YAML's implicit-key limit round-trip", arguments: [1_020, 1_500, 8_000])
    func longKeys(_ length: Int) throws {
        let key = String(repeating: "k", count: length) + ": x"
        let inner = Node.map(Mapping([key: .string("v"), "Short": .list([.map(Mapping([key: .plain("1")]))])]))
        let root = Node.map(Mapping(["Metadata": inner]))
        for shortForm in [true, false] {
            let yaml = Emitter.yaml(root, shortForm: shortForm)
            let again = try load(yaml)
            #expect(root.firstDifference(from: again.root) == nil, "\(yaml.prefix(300))")
        }
    }

    /// FuzzLoadJSON: `\uFFFF` in a JSON string was written raw into YAML, where U+FFFE and U+FFFF
    /// are not printable characters and libyaml refuses them; they are now escaped.
    @Test("Strings and keys holding U+FFFE or U+FFFF round-trip", arguments: ["a\u{FFFF}b", "\u{FFFE}", "x\u{FFFF}\ny\n"])
    func nonCharacters(_ text: String) throws {
        let root = Node.map(Mapping(["Description": .string(text), text: .string("key")]))
        for shortForm in [true, false] {
            let yaml = Emitter.yaml(root, shortForm: shortForm)
            let again = try load(yaml)
            #expect(root.firstDifference(from: again.root) == nil, "\(yaml)")
        }
    }

    static let regressionRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions")
    static let regressionInputs: [String] = ["FuzzLoadYAML", "FuzzLoadJSON"].flatMap { target in
        ((try? FileManager.default.contentsOfDirectory(atPath: regressionRoot.appendingPathComponent(target).path)) ?? [])
            .sorted().map { "\(target)/\($0)" }
    }

    /// Every input a loader fuzzer found round-trips through YAML (both forms) and JSON.
    @Test("The fuzzers' inputs round-trip", arguments: regressionInputs)
    func fuzzerInput(_ name: String) throws {
        let doc = try TemplateLoader().load(path: Self.regressionRoot.appendingPathComponent(name).path)
        for shortForm in [true, false] {
            let again = try load(Emitter.yaml(doc.root, shortForm: shortForm))
            #expect(doc.root.firstDifference(from: again.root) == nil)
        }
        let json = try load(Emitter.json(doc.root), path: "again.json")
        #expect(doc.root.firstDifference(from: json.root) == nil)
    }
}
