import CFNTemplate

/// What a rule declares about itself: the data `cfnkit rules`, `docs/RULES.md` and the
/// formatters print.
public struct RuleInfo: Sendable, Hashable {
    public var id: String
    public var severity: Severity
    public var shortDescription: String
    public var description: String
    /// Where the check comes from (CloudFormation documentation page).
    public var source: String
    public var tags: [String]

    public init(id: String, short: String, description: String, source: String, tags: [String] = []) {
        self.id = id
        self.severity = Severity(ruleId: id) ?? .error
        self.shortDescription = short
        self.description = description
        self.source = source
        self.tags = tags
    }
}

/// An example template of a rule. Expected findings are marked inline with `⟦E2001⟧` placed
/// just before the text where the finding starts; the runner strips the markers and reads
/// line:column from where each stood (see `ExampleMarkers`).
public struct RuleExample: Sendable {
    public var source: String
    /// Regions to lint in (default: us-east-1).
    public var regions: [String]

    public init(_ source: String, regions: [String] = ["us-east-1"]) {
        self.source = source
        self.regions = regions
    }
}

/// A lint rule: a small type with its metadata, its examples and its check.
/// Rules are values created once and shared by every file linted (they must not keep state).
public protocol LintRule: Sendable {
    var info: RuleInfo { get }
    /// Templates that must produce exactly the marked findings of this rule.
    var failing: [RuleExample] { get }
    /// Templates that must produce no finding of this rule.
    var passing: [RuleExample] { get }
    func check(_ context: LintContext, _ out: inout Findings)
}

/// Where a rule writes findings; knows the rule being run and the file.
public struct Findings {
    public let ruleId: String
    public let severity: Severity
    public let file: String
    public private(set) var items: [Finding] = []

    init(rule: RuleInfo, file: String) {
        ruleId = rule.id
        severity = rule.severity
        self.file = file
    }

    /// Reports at a range (usually a key's or a node's) with its JSON path.
    public mutating func add(_ message: String, at range: SourceRange, path: [PathElement]) {
        let start = range.isSynthetic ? SourcePosition(line: 1, column: 1) : range.start
        let end = range.isSynthetic ? SourcePosition(line: 1, column: 1) : range.end
        items.append(Finding(ruleId: ruleId, severity: severity, message: message, file: file,
                             start: start, end: end, path: path))
    }

    public mutating func add(_ message: String, at location: Location) {
        add(message, at: location.range, path: location.path)
    }
}

/// A place in the template: the range cfn-lint would point at, and the JSON path.
public struct Location: Sendable {
    public var range: SourceRange
    public var path: [PathElement]

    public init(_ range: SourceRange, _ path: [PathElement]) {
        self.range = range
        self.path = path
    }
}
