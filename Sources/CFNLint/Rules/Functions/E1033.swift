import CFNTemplate

extension FunctionRules {
    static let e1033 = Rule.function(
        "E1033", "GetStackOutput validation of parameters",
        "Checks that Fn::GetStackOutput has a StackName and an OutputName.",
        source: Docs.cfnLint,
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1033⟧Fn::GetStackOutput:
                      StackName: other
            """)],
        passing: [RuleExample(topic)])
}
