import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let e1152 = format("E1152", "Validate AMI id format",
           "Checks values of the AWS::EC2::Image.Id format: ami- and 8 or 17 lowercase letters or digits (resolve:ssm: accepted in launch templates).",
           format: "AWS::EC2::Image.Id", type: "AWS::EC2::Instance", property: "ImageId",
           bad: "ami-123456", good: "ami-12345678")
}
