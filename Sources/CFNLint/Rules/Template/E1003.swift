import CFNTemplate

extension TemplateRules {
    static let e1003 = Rule(
        "E1003", "Validate the max size of a description",
        "Checks that the template Description is at most 1,024 characters.",
        source: Docs.limits, tags: ["limits"],
        failing: [RuleExample("Description: ⟦E1003⟧" + String(repeating: "d", count: 1025) + "\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n")],
        passing: [RuleExample("Description: short\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n")]
    ) { ctx, out in
        if let d = ctx.template.description, let text = d.scalar?.text, text.count > 1024 {
            out.add("'\(text.prefix(20))...' is longer than 1024", at: d.range, path: [.key("Description")])
        }
    }
}
