import CFNTemplate
import Foundation
import Testing

/// Golden folders under Fixtures/load-errors: each holds one bad template and `expected.txt`,
/// `kind line:col message-fragment`.
@Suite("Bad input: one clear error with a position")
struct LoadErrorTests {
    static let caseNames: [String] = {
        let root = fixturesDirectory.appendingPathComponent("load-errors")
        return ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
    }()

    @Test("Golden load errors", arguments: caseNames)
    func golden(_ name: String) throws {
        let folder = fixturesDirectory.appendingPathComponent("load-errors").appendingPathComponent(name)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "expected.txt" }
        let template = try #require(files.first)
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
            .trimmingCharacters(in: .newlines)
        let parts = expected.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        let (kind, position, fragment) = (parts[0], parts[1], parts.count > 2 ? parts[2] : "")
        let path = folder.appendingPathComponent(template).path
        do {
            _ = try TemplateLoader().load(path: path)
            Issue.record("\(name): loaded without error")
        } catch {
            #expect(error.kind.rawValue == kind, "\(name): \(error)")
            #expect("\(error.position.line):\(error.position.column)" == position, "\(name): \(error)")
            #expect(fragment.isEmpty || error.message.contains(fragment), "\(name): \(error.message)")
            #expect(error.file == path)
            #expect(error.description.hasPrefix("\(path):\(position): error: "))
        }
    }

    @Test("Duplicate keys name every occurrence")
    func duplicateOccurrences() throws {
        let error = try #require(loadError("Resources:\n  A: 1\n  B: 2\n  A: 3\n  A: 4\n"))
        #expect(error.kind == .duplicateKey)
        #expect(error.position == SourcePosition(line: 4, column: 3))
        #expect(error.related == [SourcePosition(line: 2, column: 3), SourcePosition(line: 5, column: 3)])
    }

    @Test("Duplicate keys in large mappings are found too")
    func duplicateInLargeMapping() throws {
        var text = "Resources:\n"
        for i in 0..<100 { text += "  R\(i): {Type: AWS::SNS::Topic}\n" }
        text += "  R42: {Type: AWS::SNS::Topic}\n"
        let error = try #require(loadError(text))
        #expect(error.kind == .duplicateKey)
        #expect(error.position.line == 102)
        #expect(error.related == [SourcePosition(line: 44, column: 3)])
    }

    @Test("20,000 levels of YAML nesting fail at the limit, quickly")
    func deepYAML() throws {
        let text = "Resources: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n"
        let clock = ContinuousClock()
        var error: LoadError?
        let elapsed = clock.measure { error = loadError(text) }
        #expect(error?.kind == .tooDeep)
        #expect(error?.position == SourcePosition(line: 1, column: 12 + LoaderLimits.default.maxDepth - 1))
        #expect(elapsed < .seconds(5))
    }

    @Test("20,000 levels of block-style YAML nesting fail at the limit")
    func deepBlockYAML() throws {
        var text = ""
        for i in 0..<2_000 { text += String(repeating: " ", count: i) + "k:\n" }
        let error = try #require(loadError(text))
        #expect(error.kind == .tooDeep)
    }

    @Test("20,000 levels of JSON nesting fail at the limit")
    func deepJSON() throws {
        let text = "{\"Resources\": " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "}"
        let error = try #require(loadError(text))
        #expect(error.kind == .tooDeep)
        #expect(error.position.line == 1)
    }

    @Test("A file above the size limit is refused before parsing")
    func tooLarge() throws {
        let limits = LoaderLimits(maxBytes: 1_000)
        let text = "Description: \"" + String(repeating: "x", count: 2_000) + "\"\n"
        let error = try #require(loadError(text, limits: limits))
        #expect(error.kind == .tooLarge)
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("big.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: LoadError.self) { try TemplateLoader(limits: limits).load(path: path) }
    }

    @Test("A 20 MB scalar loads or fails within bounds")
    func hugeScalar() throws {
        let limits = LoaderLimits(maxBytes: 16 * 1024 * 1024)
        var bytes = Array("Description: ".utf8)
        bytes.append(contentsOf: [UInt8](repeating: UInt8(ascii: "a"), count: 20 * 1024 * 1024))
        let error = try #require(loadError(bytes: bytes, limits: limits))
        #expect(error.kind == .tooLarge)
    }

    @Test("Random binary junk gives one error, never a crash")
    func binaryJunk() throws {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<200 {
            let count = Int(generator.next() % 512)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = loadError(bytes: bytes)
        }
        // Printable junk reaches the YAML and JSON parsers instead of the encoding check.
        let alphabet = Array("{}[],:'\"!&*-?| \n\tabcRef#%@`".utf8)
        for _ in 0..<500 {
            let count = Int(generator.next() % 200)
            let bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            _ = loadError(bytes: bytes)
        }
    }

    @Test("Missing file, directory, path through a file")
    func fileSystem() throws {
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nope.yaml").path
        #expect(throws: LoadError.self) { try TemplateLoader().load(path: missing) }
        do { _ = try TemplateLoader().load(path: missing) } catch { #expect(error.kind == .fileNotFound) }
        do { _ = try TemplateLoader().load(path: folder.path) } catch { #expect(error.kind == .isDirectory) }
        let file = folder.appendingPathComponent("f.yaml")
        try "Resources: {}\n".write(to: file, atomically: true, encoding: .utf8)
        do { _ = try TemplateLoader().load(path: file.path + "/x.yaml") } catch { #expect(error.kind == .fileNotFound) }
    }

    @Test("An unreadable file is reported as such", .enabled(if: getuid() != 0, "root can read any file"))
    func unreadable() throws {
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("secret.yaml")
        try "Resources: {}\n".write(to: file, atomically: true, encoding: .utf8)
        chmod(file.path, 0)
        do { _ = try TemplateLoader().load(path: file.path) } catch { #expect(error.kind == .unreadable) }
    }

    @Test("A UTF-8 byte-order mark is accepted")
    func utf8BOM() throws {
        let doc = try TemplateLoader().load(bytes: [0xEF, 0xBB, 0xBF] + Array("Resources: {}\n".utf8), path: "bom.yaml")
        #expect(doc.root["Resources"] != nil)
        let json = try TemplateLoader().load(bytes: [0xEF, 0xBB, 0xBF] + Array("{\"Resources\": {}}".utf8), path: "bom.json")
        #expect(json.format == .json)
    }
}

/// A small deterministic generator so the junk tests are repeatable.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
