import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let e1156 = format("E1156", "Validate IAM role ARN format",
           "Checks values of the AWS::IAM::Role.Arn format: arn:<partition>:iam::<account>:role/<name>.",
           format: "AWS::IAM::Role.Arn", type: "AWS::Logs::SubscriptionFilter", property: "RoleArn",
           bad: "arn:aws:iam:::role/r", good: "arn:aws:iam::123456789012:role/r",
           extra: "LogGroupName: g\nFilterPattern: \"\"\nDestinationArn: arn:aws:kinesis:us-east-1:123456789012:stream/s")
}
