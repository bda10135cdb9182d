import CFNTemplate

extension FunctionRules {
    static let e1010 = Rule.function(
        "E1010", "GetAtt validation of parameters",
        "Checks that Fn::GetAtt names an existing resource and an attribute its type has (in every linted region).",
        source: Docs.fn("getatt"),
        failing: [RuleExample("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    Fn::GetAtt: [⟦E1010⟧Missing, Arn]
                  TopicName:
                    Fn::GetAtt: [Queue, ⟦E1010⟧Nope]
                  ⟦E1010⟧KmsMasterKeyId: !GetAtt Queue
            """)],
        passing: [RuleExample("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !GetAtt Queue.Arn
                  TopicName: !GetAtt [Queue, QueueName]
              Custom:
                Type: Custom::Thing
                Properties:
                  ServiceToken: !GetAtt Queue.Arn
                  Value: !GetAtt Custom.Anything
            """)])
}
