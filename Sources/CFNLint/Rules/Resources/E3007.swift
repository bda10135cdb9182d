import CFNTemplate

extension ResourceRules {
    /// cfn-lint's UniqueNames: one logical name may not be both a resource and a parameter.
    static let e3007 = Rule(
        "E3007", "Unique resource and parameter names",
        "Checks that no resource has the logical name of a parameter (CloudFormation refuses the template).",
        source: Docs.resources, tags: ["parameters", "resources"],
        failing: [RuleExample("""
            Parameters:
              Topic:
                Type: String
            Resources:
              ⟦E3007⟧Topic:
                Type: AWS::SNS::Topic
            """)],
        passing: [RuleExample("""
            Parameters:
              TopicName:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Ref TopicName
            """)]
    ) { ctx, out in
        for r in ctx.template.resources where ctx.template.parameter(r.logicalId) != nil {
            out.add("Resources and Parameters must not share name: \(r.logicalId)", at: r.key.range,
                    path: [.key("Resources"), .key(r.logicalId)])
        }
    }
}
