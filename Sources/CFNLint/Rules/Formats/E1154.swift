import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let e1154 = format("E1154", "Validate VPC subnet id format",
           "Checks values of the AWS::EC2::Subnet.Id format: subnet- and 8 or 17 hex digits.",
           format: "AWS::EC2::Subnet.Id", type: "AWS::EC2::Instance", property: "SubnetId",
           bad: "abc-123456", good: "subnet-12345678", extra: "ImageId: ami-12345678")
}
