import CFNTemplate

extension ConditionRules {
    static let e8006 = structure("E8006", "Fn::Or", "Check Fn::Or structure for validity", "a list of 2 to 10 conditions", failing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsA: !Equals [!Ref Env, a]
          Either:
            ⟦E8006⟧Fn::Or: {Condition: IsA}
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: Either
        """, passing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          Either: !Or [!Equals [!Ref Env, a], !Equals [!Ref Env, b]]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: Either
        """)
}
