import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3020 = rule(
        "E3020", "Validate that when a property is specified another property should be excluded",
        "Checks properties that must not appear together (dependentExcluded in the schemas).",
        failing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-12345678
                  CidrBlock: 10.0.0.0/24
                  ⟦E3020⟧AvailabilityZone: us-east-1a
                  ⟦E3020⟧AvailabilityZoneId: use1-az1
            """)],
        passing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-12345678
                  CidrBlock: 10.0.0.0/24
                  AvailabilityZone: us-east-1a
            """)])
}
