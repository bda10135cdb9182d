import CFNTemplate

extension ConditionRules {
    static let e8004 = structure("E8004", "Fn::And", "Check Fn::And structure for validity", "a list of 2 to 10 conditions", failing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          Both:
            ⟦E8004⟧Fn::And: [!Condition IsProd]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: Both
        """, passing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          IsEast: !Equals [!Ref "AWS::Region", us-east-1]
          Both: !And [!Condition IsProd, !Condition IsEast]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: Both
        """)
}
