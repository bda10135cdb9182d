import CFNTemplate

extension FunctionRules {
    static let e1030 = Rule.function(
        "E1030", "Length validation of parameters",
        "Checks that Fn::Length is used with the AWS::LanguageExtensions transform.",
        source: Docs.fn("length"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1030⟧Fn::Length: [a, b]
            """)],
        passing: [RuleExample("""
            Transform: AWS::LanguageExtensions
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    Fn::Length: [a, b]
            """)])
}
