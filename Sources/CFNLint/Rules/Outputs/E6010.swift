import CFNTemplate

extension OutputRules {
    static let e6010 = Rule(
        "E6010", "Output limit not exceeded",
        "Checks that the template has at most 200 outputs.",
        source: Docs.limits, tags: ["outputs", "limits"],
        failing: [RuleExample(FunctionRules.topic + "⟦E6010⟧Outputs:\n" + (1...201).map { "  O\($0):\n    Value: a\n" }.joined())],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        if ctx.template.outputs.count > 200, let key = ctx.sectionKey("Outputs") {
            out.add("The number of outputs (\(ctx.template.outputs.count)) exceeds the limit (200)", at: key.range, path: [.key("Outputs")])
        }
    }
}
