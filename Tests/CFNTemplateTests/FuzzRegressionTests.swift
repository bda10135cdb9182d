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

    @Test("The fuzzer's original input round-trips")
    func originalInput() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Regressions/FuzzLoadYAML/emitter-nel-in-literal-block.yaml").path
        let doc = try TemplateLoader().load(path: path)
        for shortForm in [true, false] {
            let again = try load(Emitter.yaml(doc.root, shortForm: shortForm))
            #expect(doc.root.firstDifference(from: again.root) == nil)
        }
        let json = try load(Emitter.json(doc.root), path: "again.json")
        #expect(doc.root.firstDifference(from: json.root) == nil)
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

    @Test("The fuzzer's long-key input round-trips")
    func longKeyInput() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Regressions/FuzzLoadJSON/emitter-long-key.json").path
        let doc = try TemplateLoader().load(path: path)
        let again = try load(Emitter.yaml(doc.root, shortForm: true))
        #expect(doc.root.firstDifference(from: again.root) == nil)
    }
}
