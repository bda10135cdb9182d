import CFNSchema
import CFNTemplate
import Dispatch
import Foundation

/// The rules a linter runs, compiled once.
public struct RuleSet: Sendable {
    public let rules: [any LintRule]
    public let byId: [String: any LintRule]

    public init(_ rules: [any LintRule]) {
        let sorted = rules.sorted { $0.info.id < $1.info.id }
        self.rules = sorted
        var m: [String: any LintRule] = [:]
        for r in sorted { m[r.info.id] = r }
        byId = m
    }

    /// Every built-in rule.
    public static let builtIn = RuleSet(BuiltInRules.all)

    public func info(_ id: String) -> RuleInfo? { byId[id]?.info }
}

/// The result of linting a set of files: every finding in a stable order (file, then position).
public struct LintReport: Sendable {
    public var files: [String]
    public var findings: [Finding]

    public init(files: [String], findings: [Finding]) {
        self.files = files
        self.findings = findings
    }

    /// cfn-lint's exit status: bits 2 (errors), 4 (warnings), 8 (informational), limited by the threshold.
    public func exitCode(threshold: ExitThreshold) -> Int32 {
        var code: Int32 = 0
        for f in findings { code |= f.severity.exitBit }
        switch threshold {
        case .informational: return code
        case .warning: return code & 6
        case .error: return code & 2
        case .none: return 0
        }
    }
}

/// Lints templates: loads them as cfn-lint does, runs the enabled rules, applies suppressions.
public struct Linter: Sendable {
    public let rules: RuleSet
    public let schemas: SchemaRegistry
    public let hooks: LintHooks
    public let loader: TemplateLoader
    /// `YYYY-MM-DD` used by date-dependent rules; today by default.
    public let today: String

    public init(rules: RuleSet = .builtIn, schemas: SchemaRegistry = .bundled, hooks: LintHooks = LintHooks(),
                today: String = LintContext.currentDate()) {
        self.rules = rules
        self.schemas = schemas
        self.hooks = hooks
        self.today = today
        loader = TemplateLoader(limits: LoaderLimits(unknownTags: .longForm))
    }

    /// Lints many files (paths, folders, globs expanded) concurrently, at most
    /// `Limits.concurrentFiles` at a time (default: the cores; CFNKIT_MAX_CONCURRENT_FILES).
    public func lint(paths: [String], settings: LintSettings) -> LintReport {
        var files: [String] = []
        var seen = Set<String>()
        var unmatched: [Finding] = []
        for argument in paths {
            let (found, finding) = UnmatchedTemplateArgument.expand(argument)
            if let finding, settings.isEnabled(finding.ruleId) { unmatched.append(finding) }
            for file in found where seen.insert(file).inserted { files.append(file) }
        }
        let results = ConcurrentMap.map(files) { lint(path: $0, settings: settings) }
        var all = unmatched + results.flatMap { $0 }
        all.sort(by: Finding.ordered)
        return LintReport(files: files, findings: all)
    }

    /// Lints one file.
    public func lint(path: String, settings: LintSettings) -> [Finding] {
        let bytes: [UInt8]
        do { bytes = try FileReader.read(path: path, maxBytes: loader.limits.maxBytes) } catch {
            return loadFindings(error, path: path, settings: settings)
        }
        return lint(bytes: bytes, path: path, settings: settings)
    }

    /// Lints a template given as text (tests, editors).
    public func lint(source: String, path: String = "template.yaml", settings: LintSettings) -> [Finding] {
        lint(bytes: Array(source.utf8), path: path, settings: settings)
    }

    public func lint(bytes: [UInt8], path: String, settings: LintSettings) -> [Finding] {
        let document: LoadedDocument
        do { document = try loader.load(bytes: bytes, path: path) } catch {
            return loadFindings(error, path: path, settings: settings)
        }
        return lint(document: document, bytes: bytes, path: path, settings: settings)
    }

    /// Lints a document already loaded from `bytes` (an editor keeps the loaded template for itself).
    public func lint(document: LoadedDocument, bytes: [UInt8], path: String, settings: LintSettings) -> [Finding] {
        let template = Template(document)
        let (templateConfig, configProblems) = LintConfig.fromTemplate(template)
        let effective = settings.applying(template: templateConfig, schemas: schemas)
        let context = LintContext(template: template, regions: effective.regions, schemas: schemas, hooks: hooks, today: today)
        var findings: [Finding] = []
        for rule in rules.rules where effective.isEnabled(rule.info.id) {
            var out = Findings(rule: rule.info, file: path)
            rule.check(context, &out)
            findings.append(contentsOf: out.items)
        }
        if effective.isEnabled("W4005") {
            for p in configProblems {
                findings.append(Finding(ruleId: "W4005", message: p.message, file: path, start: p.range.start, end: p.range.end, path: p.path))
            }
        }
        let suppressions = Suppressions(template: template, source: bytes)
        if !suppressions.isEmpty {
            findings.removeAll { !effective.isMandatory($0.ruleId) && suppressions.suppresses($0) }
        }
        findings.sort(by: Finding.ordered)
        // Identical findings (the same problem reached twice) are reported once.
        var unique: [Finding] = []
        unique.reserveCapacity(findings.count)
        for f in findings where unique.last != f { unique.append(f) }
        return unique
    }

    /// A load error as findings: E0000 at each position (a duplicate key at every occurrence);
    /// an empty template is cfn-lint's E1001 "'Resources' is a required property" at 1:1.
    public func loadFindings(_ error: LoadError, path: String, settings: LintSettings) -> [Finding] {
        if error.kind == .empty {
            guard settings.isEnabled("E1001") else { return [] }
            let origin = SourcePosition(line: 1, column: 1)
            return [Finding(ruleId: "E1001", message: "'Resources' is a required property", file: path, start: origin, end: origin, path: [])]
        }
        guard settings.isEnabled("E0000"), !settings.ignoreBadTemplate else { return [] }
        var positions = [error.position]
        if error.kind == .duplicateKey { positions += error.related }
        positions = Array(Set(positions)).sorted()
        return positions.map {
            Finding(ruleId: "E0000", message: error.message, file: path, start: $0,
                    end: SourcePosition(line: $0.line, column: $0.column + 1), path: [])
        }
    }
}

