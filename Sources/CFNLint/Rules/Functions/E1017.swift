import CFNTemplate

extension FunctionRules {
    static let e1017 = Rule.function(
        "E1017", "Select validation of parameters",
        "Checks that Fn::Select has an index and a list.",
        source: Docs.fn("select"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1017⟧Fn::Select: [0]
                  TopicName:
                    Fn::Select: [⟦E1017⟧first, [a, b]]
            """),
            // Deliberate difference: cfn-lint 1.51.0 passes this, CloudFormation rejects it ("Fn::Select
            // cannot select nonexistent value at index 5"); `cfnkit resolve` reports the same.
            RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName:
                    Fn::Select: [⟦E1017⟧5, [a, b]]
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Select [0, !GetAZs ""]
            """)])
}
