import CFNTemplate

extension ConditionRules {
    static let e8005 = structure("E8005", "Fn::Not", "Check Fn::Not structure for validity", "a list of one condition", failing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          NotProd:
            ⟦E8005⟧Fn::Not: [!Condition IsProd, !Condition IsProd]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: NotProd
        """, passing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          NotProd: !Not [!Condition IsProd]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: NotProd
        """)
}
