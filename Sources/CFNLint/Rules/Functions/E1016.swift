import CFNTemplate

extension FunctionRules {
    static let e1016 = Rule.function(
        "E1016", "ImportValue validation of parameters",
        "Checks that Fn::ImportValue is given a string or a function that returns one.",
        source: Docs.fn("importvalue"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1016⟧Fn::ImportValue: [Name]
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !ImportValue
                    Fn::Sub: ${AWS::StackName}-Name
            """)])
}
