import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let e1150 = format("E1150", "Validate security group format",
           "Checks values of the AWS::EC2::SecurityGroup.Id format: sg- and 8 or 17 hex digits.",
           format: "AWS::EC2::SecurityGroup.Id", type: "AWS::EC2::SecurityGroupIngress", property: "SourceSecurityGroupId",
           bad: "sg-1234567", good: "sg-12345678", extra: "GroupId: sg-abcdef12\nIpProtocol: tcp")
}
