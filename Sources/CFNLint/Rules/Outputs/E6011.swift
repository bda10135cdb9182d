import CFNTemplate

extension OutputRules {
    static let e6011 = Rule(
        "E6011", "Output name limit not exceeded",
        "Checks that output names are at most 255 characters.",
        source: Docs.limits, tags: ["outputs", "limits"],
        failing: [RuleExample(FunctionRules.topic + "Outputs:\n  ⟦E6011⟧" + String(repeating: "O", count: 256) + ":\n    Value: a\n")],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        for o in ctx.template.outputs where o.name.count > 255 {
            out.add("The length of output name (\(o.name.count)) exceeds the limit (255)", at: o.key.range, path: [.key("Outputs"), .key(o.name)])
        }
    }
}
