import CFNTemplate

extension FunctionRules {
    static let e1022 = Rule.function(
        "E1022", "Join validation of parameters",
        "Checks that Fn::Join has a delimiter string and a list.",
        source: Docs.fn("join"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1022⟧Fn::Join: ["-"]
                  TopicName:
                    Fn::Join: ["-", ⟦E1022⟧abc]
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Join ["-", [a, !Ref AWS::Region]]
            """)])
}
