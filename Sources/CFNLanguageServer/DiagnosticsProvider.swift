import Foundation
import CFNTemplate
import CFNLint
import CFNRulePacks

/// Lints a document's text with the CLI's engine: the `.cfnlintrc` nearest the document (searched
/// from its folder up to the workspace root), its rule packs, template metadata and inline comments.
public struct DiagnosticsProvider: Sendable {
    public let workspaceRoot: String?

    public init(workspaceRoot: String?) {
        self.workspaceRoot = workspaceRoot
    }

    public func diagnostics(text: String, path: String) -> [[String: Any]] {
        let folder = configFolder(for: path)
        let settings = (try? LintSettings.resolve(cli: LintConfig(), directory: folder)) ?? (try? LintSettings.resolve(cli: LintConfig(), directory: "/nonexistent")) 
        guard let settings else { return [] }
        let selection = RulePackSelection(config: settings.file)
        let rules = (try? ShippedRulePacks.catalog(selection).ruleSet) ?? .builtIn
        let findings = Linter(rules: rules).lint(source: text, path: path, settings: settings)
        let converter = PositionConverter(text: text)
        return findings.map { finding in
            var end = finding.end
            if end <= finding.start { end = SourcePosition(line: finding.start.line, column: finding.start.column + 1) }
            var diagnostic: [String: Any] = [
                "range": ["start": converter.lspPosition(finding.start), "end": converter.lspPosition(end)],
                "severity": Self.severity(finding.severity),
                "code": finding.ruleId,
                "source": "cfnkit",
                "message": finding.message,
            ]
            if let source = rules.info(finding.ruleId)?.source, source.hasPrefix("http") {
                diagnostic["codeDescription"] = ["href": source]
            }
            return diagnostic
        }
    }

    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: return 1
        case .warning: return 2
        case .informational: return 3
        }
    }

    /// The nearest folder, from the document's own up to the workspace root, holding a `.cfnlintrc`.
    func configFolder(for path: String) -> String {
        var folder = (path as NSString).deletingLastPathComponent
        let start = folder
        let names = [".cfnlintrc", ".cfnlintrc.yaml", ".cfnlintrc.yml"]
        while !folder.isEmpty {
            if names.contains(where: { FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0)) }) {
                return folder
            }
            if folder == workspaceRoot || folder == "/" { break }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return start
    }
}
