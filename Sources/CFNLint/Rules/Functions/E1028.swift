import CFNTemplate

extension FunctionRules {
    static let e1028 = Rule.function(
        "E1028", "Check Fn::If structure for validity",
        "Checks that Fn::If has a condition name that exists and two values.",
        source: Docs.fn("conditions"),
        failing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1028⟧Fn::If: [IsProd, a]
                  TopicName:
                    Fn::If: [⟦E1028⟧IsDev, a, b]
            """)],
        passing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !If [IsProd, a, !Ref AWS::NoValue]
            """)])
}
