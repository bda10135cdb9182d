import CFNTemplate

extension FunctionRules {
    static let e1020 = Rule.function(
        "E1020", "Ref validation of value",
        "Checks that Ref names a parameter, a resource or a pseudo parameter (only parameters in Conditions).",
        source: Docs.fn("ref"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1020⟧Ref: Missing
                  ⟦E1020⟧TopicName: !Ref AWS::Regoin
            """)],
        passing: [RuleExample("""
            Parameters:
              Name:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref Name
                  TopicName: !Ref AWS::StackName
              Sub:
                Type: AWS::SNS::Subscription
                Properties:
                  TopicArn: !Ref Topic
                  Protocol: email
            """), RuleExample("""
            Resources:
              Policy:
                Type: AWS::IoT::Policy
                Properties:
                  PolicyDocument: {}
                  Groups: [!Ref Missing]
            """),
                  RuleExample("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  CodeUri: .
                  Events:
                    Api:
                      Type: Api
                      Properties: {Path: /, Method: get}
            Outputs:
              Role:
                Value: !Ref FnRole
              Api:
                Value: !Sub https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/
              Permission:
                Value: !Ref FnApiPermissionProd
              Arn:
                Value: !GetAtt FnRole.Arn
            """)])
}
