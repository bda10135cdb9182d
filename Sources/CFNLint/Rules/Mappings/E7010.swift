import CFNTemplate

extension MappingRules {
    static let e7010 = Rule(
        "E7010", "Mapping limit not exceeded",
        "Checks that the template has at most 200 mappings.",
        source: Docs.limits, tags: ["mappings", "limits"],
        failing: [RuleExample("⟦E7010⟧Mappings:\n" + (1...201).map { "  M\($0):\n    K:\n      V: a\n" }.joined() + FunctionRules.topic)],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        if ctx.template.mappings.count > 200, let key = ctx.sectionKey("Mappings") {
            out.add("The number of mappings (\(ctx.template.mappings.count)) exceeds the limit (200)", at: key.range, path: [.key("Mappings")])
        }
    }
}
