import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3021 = rule(
        "E3021", "Validate that when a property is specified another property should be included",
        "Checks properties that need others with them (dependentRequired / dependencies in the schemas).",
        failing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                ⟦E3021⟧Properties:
                  VpcId: vpc-12345678
                  Ipv4IpamPoolId: ipam-pool-1234
            """)],
        passing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-12345678
                  Ipv4IpamPoolId: ipam-pool-1234
                  Ipv4NetmaskLength: 24
            """)])
}
