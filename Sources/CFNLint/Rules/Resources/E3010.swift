import CFNTemplate

extension ResourceRules {
    static let e3010 = Rule(
        "E3010", "Resource limit not exceeded",
        "Checks that the template has at most 500 resources.",
        source: Docs.limits, tags: ["resources", "limits"],
        failing: [RuleExample("⟦E3010⟧Resources:\n" + (1...501).map { "  T\($0):\n    Type: AWS::SNS::Topic\n" }.joined())],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        if ctx.template.resources.count > 500, let key = ctx.sectionKey("Resources") {
            out.add("The number of resources (\(ctx.template.resources.count)) exceeds the limit (500)", at: key.range, path: [.key("Resources")])
        }
    }
}
