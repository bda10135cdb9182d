import CFNTemplate

extension FunctionRules {
    static let e1024 = Rule.function(
        "E1024", "Cidr validation of parameters",
        "Checks that Fn::Cidr has an IP block, a count and a mask size.",
        source: Docs.fn("cidr"),
        failing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-12345678
                  CidrBlock:
                    Fn::Select:
                      - 0
                      - ⟦E1017⟧Fn::Cidr: [10.0.0.0/16, 4]
                  Ipv6CidrBlock:
                    ⟦E1024⟧Fn::Cidr: [10.0.0.0/16]
            """)],
        passing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-12345678
                  CidrBlock: !Select [0, !Cidr [10.0.0.0/16, 4, 8]]
            """)])
}
