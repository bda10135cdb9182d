import CFNTemplate

extension ResourceRules {
    static let e3011 = Rule(
        "E3011", "Resource name limit not exceeded",
        "Checks that resource logical ids are at most 255 characters.",
        source: Docs.limits, tags: ["resources", "limits"],
        failing: [RuleExample("Resources:\n  ⟦E3011⟧" + String(repeating: "R", count: 256) + ":\n    Type: AWS::SNS::Topic\n")],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        for r in ctx.template.resources where r.logicalId.count > 255 {
            out.add("The length of resource name (\(r.logicalId.count)) exceeds the limit (255)", at: r.key.range, path: [.key("Resources"), .key(r.logicalId)])
        }
    }
}
