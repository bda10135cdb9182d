import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let e1159 = format("E1159", "Validate ACM certificate ARN format",
           "Checks values of the AWS::ACM::Certificate.Arn format: arn:<partition>:acm:<region>:<account>:certificate/<id>.",
           format: "AWS::ACM::Certificate.Arn", type: "AWS::ApiGateway::DomainName", property: "CertificateArn",
           bad: "my-certificate", good: "arn:aws:acm:us-east-1:123456789012:certificate/abc", extra: "DomainName: example.com")
}
