import CFNTemplate

extension ConditionRules {
    static let e8003 = structure("E8003", "Fn::Equals", "Check Fn::Equals structure for validity", "a list of two values", failing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsProd:
            ⟦E8003⟧Fn::Equals: [!Ref Env]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: IsProd
        """, passing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: IsProd
        """)
}
