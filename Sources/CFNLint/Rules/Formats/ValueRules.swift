import CFNIntrinsics
import CFNTemplate
import Foundation

/// Rules on the values properties take: the schemas' `format` identifiers (E1150 ... E1164),
/// values intrinsic functions resolve to (W1031 ... W1036) and Fn::If branches no combination of
/// conditions reaches (W1028).
enum ValueRules {
    static let formatSource = "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/format_keyword.md"

    /// A rule reporting the property problems attributed to its id.
    static func property(_ id: String, _ short: String, _ description: String, source: String, tags: [String],
                         failing: @autoclosure @escaping @Sendable () -> [RuleExample],
                         passing: @autoclosure @escaping @Sendable () -> [RuleExample]) -> Rule {
        Rule(id, short, description, source: source, tags: tags, failing: failing(), passing: passing()) { ctx, out in
            for p in PropertyValidation.problems(ctx) where p.ruleId == id { out.add(p.message, at: p.location) }
        }
    }

    /// A format rule with one failing and one passing example: `property` of resource `type` set to
    /// `bad` (marked) and `good`; `extra` adds required properties.
    static func format(_ id: String, _ short: String, _ description: String, format: String, type: String,
                       property: String, bad: String, good: String, extra: String = "", alsoMarked: [String] = []) -> Rule {
        let marks = ([id] + alsoMarked).map { "⟦\($0)⟧" }.joined()
        let failing = formatExample(id: marks, type: type, property: property, value: bad, marked: true, extra: extra)
        let passing = formatExample(id: id, type: type, property: property, value: good, marked: false, extra: extra)
        return ValueRules.property(id, short, description, source: formatSource + "#" + format, tags: ["resources", "format"],
                                   failing: [RuleExample(failing)], passing: [RuleExample(passing)])
    }

    /// `id` is the markers put before the property when `marked`.
    static func formatExample(id: String, type: String, property: String, value: String, marked: Bool, extra: String) -> String {
        var lines = ["Resources:", "  Thing:", "    Type: \(type)", "    Properties:"]
        lines.append("      \(marked ? id : "")\(property): \(value)")
        for line in extra.split(separator: "\n") { lines.append("      " + line) }
        return lines.joined(separator: "\n") + "\n"
    }
}
