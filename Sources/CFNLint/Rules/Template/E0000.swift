import CFNTemplate

extension TemplateRules {
    static let e0000 = Rule(
        "E0000", "Parsing error found when parsing the template",
        "Reports templates that cannot be read: YAML or JSON syntax, duplicate keys, unknown tags, encoding.",
        source: Docs.cfnLint, tags: ["base"],
        failing: [RuleExample("""
            Resources:
              ⟦E0000⟧Topic:
                Type: AWS::SNS::Topic
              ⟦E0000⟧Topic:
                Type: AWS::SQS::Queue
            """),
                  RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties: {TopicName: ⟦E0000⟧]
            """)],
        passing: [RuleExample("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n")]
    ) { _, _ in
        // Produced by the engine from the loader's error.
    }
}
