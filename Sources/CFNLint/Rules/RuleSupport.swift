import CFNTemplate

/// A rule made of data and a check closure; every built-in rule is one of these.
public struct Rule: LintRule {
    public let info: RuleInfo
    // Examples are built on demand (tests, docs), not when a lint run creates the rules.
    private let failingExamples: @Sendable () -> [RuleExample]
    private let passingExamples: @Sendable () -> [RuleExample]
    private let body: @Sendable (LintContext, inout Findings) -> Void

    public var failing: [RuleExample] { failingExamples() }
    public var passing: [RuleExample] { passingExamples() }

    public init(_ id: String, _ short: String, _ description: String, source: String,
                tags: [String] = [], failing: @autoclosure @escaping @Sendable () -> [RuleExample],
                passing: @autoclosure @escaping @Sendable () -> [RuleExample],
                check: @escaping @Sendable (LintContext, inout Findings) -> Void) {
        info = RuleInfo(id: id, short: short, description: description, source: source, tags: tags)
        failingExamples = failing
        passingExamples = passing
        body = check
    }

    public func check(_ context: LintContext, _ out: inout Findings) { body(context, &out) }

    /// A rule that reports the function problems attributed to its id.
    static func function(_ id: String, _ short: String, _ description: String, source: String,
                         failing: @autoclosure @escaping @Sendable () -> [RuleExample],
                         passing: @autoclosure @escaping @Sendable () -> [RuleExample]) -> Rule {
        Rule(id, short, description, source: source, tags: ["functions"], failing: failing(), passing: passing()) { ctx, out in
            for p in ctx.functionProblems where p.ruleId == id && !PropertyValidation.isUnderUnexpectedProperty(ctx, p.location.path) {
                out.add(p.message, at: p.location)
            }
        }
    }
}

enum Docs {
    static let base = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
    static func fn(_ page: String) -> String { base + "intrinsic-function-reference-\(page).html" }
    static let anatomy = base + "template-anatomy.html"
    static let parameters = base + "parameters-section-structure.html"
    static let resources = base + "resources-section-structure.html"
    static let outputs = base + "outputs-section-structure.html"
    static let mappings = base + "mappings-section-structure.html"
    static let conditions = base + "conditions-section-structure.html"
    static let limits = base + "cloudformation-limits.html"
    static let transform = base + "transform-section-structure.html"
    static let lambdaRuntimes = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"
    static let dynamicReferences = base + "dynamic-references.html"
    static let iamVersion = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html"
    static let cfnLint = "https://github.com/aws-cloudformation/cfn-lint"
}

extension Node {
    /// The entry for `key` in a mapping node.
    func entry(_ key: String) -> Mapping.Entry? { mapping?.entry(key) }

    var isNull: Bool { scalar?.resolved.kind == .null }
}

/// Matches `^[a-zA-Z0-9]+$`.
func isAlphanumeric(_ s: String) -> Bool {
    !s.isEmpty && s.unicodeScalars.allSatisfy { ($0.value >= 48 && $0.value <= 57) || ($0.value >= 65 && $0.value <= 90) || ($0.value >= 97 && $0.value <= 122) }
}
