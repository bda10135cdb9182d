import CFNTemplate

extension FunctionRules {
    static let e1031 = Rule.function(
        "E1031", "ToJsonString validation of parameters",
        "Checks that Fn::ToJsonString is used with the AWS::LanguageExtensions transform.",
        source: Docs.fn("ToJsonString"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1031⟧Fn::ToJsonString: {a: b}
            """)],
        passing: [RuleExample("""
            Transform: AWS::LanguageExtensions
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    Fn::ToJsonString: {a: b}
            """)])
}
