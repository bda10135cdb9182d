import CFNTemplate

extension MappingRules {
    static let e7011 = Rule(
        "E7011", "Mapping name limit not exceeded",
        "Checks that mapping names are at most 255 characters.",
        source: Docs.limits, tags: ["mappings", "limits"],
        failing: [RuleExample("Mappings:\n  ⟦E7011⟧" + String(repeating: "M", count: 256) + ":\n    K:\n      V: a\n" + FunctionRules.topic)],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        for m in ctx.template.mappings where m.name.count > 255 {
            out.add("The length of mapping name (\(m.name.count)) exceeds the limit (255)", at: m.key.range, path: [.key("Mappings"), .key(m.name)])
        }
    }
}
