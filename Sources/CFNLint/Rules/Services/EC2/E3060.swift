import CFNIntrinsics
import CFNTemplate

extension EC2AndECSRules {
    static let e3060 = Rule(
        "E3060", "Validate subnet CIDRs do not overlap with other subnets",
        "Checks that IPv4 CidrBlock values of subnets in the same VPC do not overlap (literal blocks; subnets under two different conditions are not compared).",
        source: Docs.base + "aws-resource-ec2-subnet.html", tags: ["resources", "ec2", "subnet"],
        failing: [RuleExample("""
            Resources:
              A:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-12345678
                  CidrBlock: 10.0.0.0/16
              B:
                Type: AWS::EC2::Subnet
                ⟦E3060⟧Properties:
                  VpcId: vpc-12345678
                  CidrBlock: 10.0.1.0/24
            """)],
        passing: [RuleExample("""
            Parameters:
              Env: {Type: String}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsDev: !Equals [!Ref Env, dev]
            Resources:
              A:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: vpc-12345678, CidrBlock: 10.0.0.0/24}
              B:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: vpc-12345678, CidrBlock: 10.0.1.0/24}
              OtherVpc:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: vpc-87654321, CidrBlock: 10.0.0.0/24}
              Prod:
                Type: AWS::EC2::Subnet
                Condition: IsProd
                Properties: {VpcId: vpc-12345678, CidrBlock: 10.0.2.0/24}
              Dev:
                Type: AWS::EC2::Subnet
                Condition: IsDev
                Properties: {VpcId: vpc-12345678, CidrBlock: 10.0.2.0/24}
            """)]
    ) { ctx, out in
        var earlier: [(vpc: Node, block: String, range: ClosedRange<UInt32>, condition: String?)] = []
        for (resource, props, loc) in TypeSpecific.resources(ctx, ["AWS::EC2::Subnet"]) {
            guard let vpc = props["VpcId"], let block = props["CidrBlock"].flatMap(TypeSpecific.string),
                  let range = CidrCalculator.ipv4Range(block) else { continue }
            let condition = resource.condition?.name
            let clash = earlier.first { other in
                let exclusive = condition != nil && other.condition != nil && condition != other.condition
                return !exclusive && other.vpc.isEquivalent(to: vpc) && other.range.overlaps(range)
            }
            if let clash {
                out.add("\(TypeSpecific.repr(block)) overlaps with \(TypeSpecific.repr(clash.block))", at: loc)
            }
            earlier.append((vpc, block, range, condition))
        }
    }
}
