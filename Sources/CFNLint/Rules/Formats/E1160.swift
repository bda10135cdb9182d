import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let e1160 = format("E1160", "Validate Lambda function ARN format",
           "Checks values of the AWS::Lambda::Function.Arn format: arn:<partition>:lambda:<region>:<account>:function:<name>.",
           format: "AWS::Lambda::Function.Arn", type: "AWS::IoT::CertificateProvider", property: "LambdaFunctionArn",
           bad: "my-function", good: "arn:aws:lambda:us-east-1:123456789012:function:f",
           extra: "AccountDefaultForOperations: [CreateCertificateFromCsr]")
}
