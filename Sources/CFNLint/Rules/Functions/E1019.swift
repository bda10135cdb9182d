import CFNTemplate

extension FunctionRules {
    static let e1019 = Rule.function(
        "E1019", "Sub validation of parameters",
        "Checks Fn::Sub: a string or [string, variables], well-formed ${} variables naming parameters, resources, attributes or pseudo parameters.",
        source: Docs.fn("sub"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1019⟧Fn::Sub: ${Missing}-name
                  TopicName:
                    ⟦E1019⟧Fn::Sub: ${Topic.Nope}
                  KmsMasterKeyId:
                    ⟦E1019⟧Fn::Sub: "${unclosed"
            """)],
        passing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Sub "${Env}-${AWS::Region}-${!Literal}"
                  TopicName: !Sub
                    - ${Name}-topic
                    - Name: !Ref Env
            Outputs:
              Name:
                Value: !Sub ${Topic.TopicName}
            """)])
}
