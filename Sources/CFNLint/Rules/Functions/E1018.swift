import CFNTemplate

extension FunctionRules {
    static let e1018 = Rule.function(
        "E1018", "Split validation of parameters",
        "Checks that Fn::Split has a delimiter and a source string.",
        source: Docs.fn("split"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    Fn::Select:
                      - 0
                      - ⟦E1017⟧Fn::Split: [","]
                  TopicName:
                    ⟦E1018⟧Fn::Split: ","
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Select [0, !Split [",", "a,b"]]
            """)])
}
