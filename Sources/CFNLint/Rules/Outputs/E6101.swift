import CFNTemplate

extension OutputRules {
    static let e6101 = Rule(
        "E6101", "Validate that outputs values are a string",
        "Checks output values: a string or a function returning one, with valid function arguments (problems in an output's functions are reported here).",
        source: Docs.outputs, tags: ["outputs"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              Name:
                Value:
                  ⟦E6101⟧Fn::Sub: ${Missing.Name}
              List:
                ⟦E6101⟧Value: [a, b]
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              Name:
                Value: !GetAtt Topic.TopicName
              Joined:
                Value: !Join [",", [a, b]]
            """)]
    ) { ctx, out in
        for o in ctx.template.outputs {
            guard let v = o.node.entry("Value") else { continue }
            if v.value.sequence != nil || (v.value.mapping != nil && v.value.intrinsic == nil) {
                out.add("\(FunctionChecks.describe(v.value)) is not of type 'string'", at: v.key.range, path: [.key("Outputs"), .key(o.name), .key("Value")])
            }
        }
        for p in ctx.functionProblems where p.ruleId == "E6101" { out.add(p.message, at: p.location) }
    }
}
