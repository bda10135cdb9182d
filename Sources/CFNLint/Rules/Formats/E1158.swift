import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let e1158 = format("E1158", "Validate SNS topic ARN format",
           "Checks values of the AWS::SNS::Topic.Arn format: arn:<partition>:sns:<region>:<account>:<name>.",
           format: "AWS::SNS::Topic.Arn", type: "AWS::SNS::Subscription", property: "TopicArn",
           bad: "my-topic", good: "arn:aws:sns:us-east-1:123456789012:my-topic", extra: "Protocol: email")
}
