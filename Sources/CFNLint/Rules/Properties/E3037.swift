import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3037 = rule(
        "E3037", "Check if a list has duplicate values",
        "Checks lists whose schema asks for unique items.",
        failing: [RuleExample("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {}
                  ⟦E3037⟧ManagedPolicyArns:
                    - arn:aws:iam::aws:policy/ReadOnlyAccess
                    - arn:aws:iam::aws:policy/ReadOnlyAccess
            """)],
        passing: [RuleExample("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {}
                  ManagedPolicyArns:
                    - arn:aws:iam::aws:policy/ReadOnlyAccess
            """)])
}
