import CFNTemplate

extension ConditionRules {
    static let e8002 = Rule(
        "E8002", "Check if the referenced Conditions are defined",
        "Checks that conditions named by outputs and Condition functions exist.",
        source: Docs.conditions, tags: ["conditions"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              Arn:
                Condition: ⟦E8002⟧AlsoMissing
                Value: !Ref Topic
            """)],
        passing: [RuleExample("""
            Conditions:
              IsUsEast1: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsUsEast1
            """)]
    ) { ctx, out in
        let t = ctx.template
        for o in t.outputs {
            if let c = o.conditionNode, let name = c.scalar?.text, t.condition(name) == nil {
                out.add("'\(name)' is not one of \(FunctionChecks.list(t.conditions.map(\.name)))", at: c.range,
                        path: [.key("Outputs"), .key(o.name), .key("Condition")])
            }
        }
        for p in ctx.functionProblems where p.ruleId == "E8002" { out.add(p.message, at: p.location) }
    }
}
