import CFNLint
import CFNRulePacks
import CFNTemplate
import Foundation

enum Fixture {
    /// A linter with a fixed date so date-dependent rules are deterministic.
    static let linter = Linter(today: "2026-11-27")

    /// Built-in rules plus every shipped pack (all enabled).
    static let allRules: RuleSet = {
        do { return try ShippedRulePacks.catalog(RulePackSelection(enable: ["all"]), environment: [:]).ruleSet } catch {
            fatalError("shipped rule packs do not load: \(error)")
        }
    }()

    static let allLinter = Linter(rules: allRules, today: "2026-11-27")

    static func lintAll(_ source: String, path: String = "t.yaml", _ cli: LintConfig = LintConfig()) -> [Finding] {
        allLinter.lint(source: source, path: path, settings: settings(cli))
    }

    static func settings(_ cli: LintConfig = LintConfig()) -> LintSettings {
        try! LintSettings(cli: cli, environment: [:])
    }

    static func lint(_ source: String, path: String = "t.yaml", _ cli: LintConfig = LintConfig()) -> [Finding] {
        linter.lint(source: source, path: path, settings: settings(cli))
    }

    static func ids(_ findings: [Finding]) -> [String] { findings.map(\.ruleId) }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-lint-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
