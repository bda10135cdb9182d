import CFNSchema
import CFNTemplate

/// The namespace of the Properties rules and what more than one of them uses.
enum PropertyRules {
    static func rule(_ id: String, _ short: String, _ description: String, failing: @autoclosure @escaping @Sendable () -> [RuleExample],
                     passing: @autoclosure @escaping @Sendable () -> [RuleExample]) -> Rule {
        Rule(id, short, description, source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html",
             tags: ["resources", "properties"], failing: failing(), passing: passing()) { ctx, out in
            for p in PropertyValidation.problems(ctx) where p.ruleId == id { out.add(p.message, at: p.location) }
        }
    }
}
