import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3058 = rule(
        "E3058", "Validate at least one of the properties are required",
        "Checks properties where at least one of a group must be present (requiredOr in the schemas).",
        failing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                ⟦E3058⟧Properties:
                  VpcId: vpc-12345678
            """)],
        passing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-12345678
                  CidrBlock: 10.0.0.0/24
            """)])
}
