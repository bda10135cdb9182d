import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let e1151 = format("E1151", "Validate VPC id format",
           "Checks values of the AWS::EC2::VPC.Id format: vpc- and 8 or 17 hex digits.",
           format: "AWS::EC2::VPC.Id", type: "AWS::EC2::Subnet", property: "VpcId",
           bad: "vpc-123456", good: "vpc-12345678", extra: "CidrBlock: 10.0.0.0/24")
}
