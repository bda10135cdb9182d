import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3003 = rule(
        "E3003", "Required Resource properties are missing",
        "Checks that every property the type's schema requires is present (AWS::NoValue removes a property first).",
        failing: [RuleExample("""
            Resources:
              ⟦E3003⟧Role:
                Type: AWS::IAM::Role
              Role2:
                Type: AWS::IAM::Role
                ⟦E3003⟧Properties:
                  AssumeRolePolicyDocument: !Ref AWS::NoValue
                  Path: /
              Rule:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-12345678
                  IpProtocol: tcp
                  FromPort: 80
                  ToPort: 80
                  CidrIp: 0.0.0.0/0
            """)],
        passing: [RuleExample("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement: []
            """)])
}
