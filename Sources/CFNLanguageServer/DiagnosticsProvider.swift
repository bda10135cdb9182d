import Foundation
import CFNTemplate
import CFNLint
import CFNRulePacks

/// Lints a document's text with the CLI's engine: the `.cfnlintrc` nearest the document (searched
/// from its folder up to the workspace root), its rule packs, template metadata and inline comments.
///
/// The settings and rule packs of a folder are read once and kept until the config file changes
/// (size or modification time), so typing does not re-read and re-compile them on every keystroke.
/// A config or rule-pack file that cannot be read is a diagnostic at the top of the document
/// (linting goes on with the built-in settings and rules), never a silent fallback.
public final class DiagnosticsProvider: @unchecked Sendable {
    /// One lint of one text: the LSP diagnostics and the template, when the text loads.
    public struct Analysis: @unchecked Sendable {
        public var diagnostics: [[String: Any]]
        public var template: Template?
        public var converter: PositionConverter
    }

    /// The settings and rules in force for one folder, and the problem reading them, if any.
    struct Setup {
        var settings: LintSettings
        var rules: RuleSet
        var problem: (message: String, file: String?)?
        var stamp: String
    }

    public let workspaceRoot: String?
    private let loader = TemplateLoader()
    private let lock = NSLock()
    private var setups: [String: Setup] = [:]

    public init(workspaceRoot: String?) {
        self.workspaceRoot = workspaceRoot
    }

    public func diagnostics(text: String, path: String) -> [[String: Any]] {
        analyse(text: text, path: path).diagnostics
    }

    public func analyse(text: String, path: String) -> Analysis {
        let setup = self.setup(for: path)
        let converter = PositionConverter(text: text)
        let linter = Linter(rules: setup.rules)
        let bytes = Array(text.utf8)
        var template: Template?
        let findings: [Finding]
        do {
            let document = try loader.load(bytes: bytes, path: path)
            template = Template(document)
            findings = linter.lint(document: document, bytes: bytes, path: path, settings: setup.settings)
        } catch {
            findings = linter.loadFindings(error, path: path, settings: setup.settings)
        }
        var items = findings.map { Self.diagnostic($0, rules: setup.rules, converter: converter) }
        if let problem = setup.problem {
            var item: [String: Any] = [
                "range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]],
                "severity": 1, "code": "config", "source": "cfnkit", "message": problem.message,
            ]
            if let file = problem.file {
                item["relatedInformation"] = [["location": ["uri": URL(fileURLWithPath: file).absoluteString,
                                                            "range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]]],
                                               "message": "the configuration read for this document"]]
            }
            items.insert(item, at: 0)
        }
        return Analysis(diagnostics: items, template: template, converter: converter)
    }

    static func diagnostic(_ finding: Finding, rules: RuleSet, converter: PositionConverter) -> [String: Any] {
        var end = finding.end
        if end <= finding.start { end = SourcePosition(line: finding.start.line, column: finding.start.column + 1) }
        var diagnostic: [String: Any] = [
            "range": ["start": converter.lspPosition(finding.start), "end": converter.lspPosition(end)],
            "severity": severity(finding.severity),
            "code": finding.ruleId,
            "source": "cfnkit",
            "message": finding.message,
        ]
        if let source = rules.info(finding.ruleId)?.source, source.hasPrefix("http") {
            diagnostic["codeDescription"] = ["href": source]
        }
        return diagnostic
    }

    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: return 1
        case .warning: return 2
        case .informational: return 3
        }
    }

    private static let configNames = [".cfnlintrc", ".cfnlintrc.yaml", ".cfnlintrc.yml"]

    /// The setup for the document's nearest config folder, read again only when its file changed.
    func setup(for path: String) -> Setup {
        let folder = configFolder(for: path)
        let file = Self.configNames.map { (folder as NSString).appendingPathComponent($0) }
            .first { FileManager.default.fileExists(atPath: $0) }
        let stamp = file.map(Self.stamp) ?? "none"
        lock.lock()
        if let cached = setups[folder], cached.stamp == stamp { lock.unlock(); return cached }
        lock.unlock()
        let setup = Self.readSetup(folder: folder, file: file, stamp: stamp)
        lock.lock(); setups[folder] = setup; lock.unlock()
        return setup
    }

    private static func readSetup(folder: String, file: String?, stamp: String) -> Setup {
        var problem: (message: String, file: String?)?
        let settings: LintSettings
        do {
            settings = try LintSettings.resolve(cli: LintConfig(), directory: folder)
        } catch {
            problem = ("\(file ?? folder): \(error.message); linting with the default settings", file)
            // No environment: the default region, which is always known, so this cannot throw.
            settings = try! LintSettings()
        }
        var rules = RuleSet.builtIn
        do {
            rules = try ShippedRulePacks.catalog(RulePackSelection(config: settings.file)).ruleSet
        } catch {
            problem = problem ?? ("rule packs: \(error); linting with the built-in rules only", file)
        }
        return Setup(settings: settings, rules: rules, problem: problem, stamp: stamp)
    }

    private static func stamp(_ file: String) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        let size = attributes?[.size] as? Int ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size)@\(modified)"
    }

    /// The nearest folder, from the document's own up to the workspace root, holding a `.cfnlintrc`.
    func configFolder(for path: String) -> String {
        var folder = (path as NSString).deletingLastPathComponent
        let start = folder
        while !folder.isEmpty {
            if Self.configNames.contains(where: { FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0)) }) {
                return folder
            }
            if folder == workspaceRoot || folder == "/" { break }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return start
    }
}
