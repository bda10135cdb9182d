import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let e1163 = format("E1163", "Validate Lambda function name format",
           "Checks values of the AWS::Lambda::Function.Name format: 1 to 140 letters, digits, hyphens and underscores.",
           format: "AWS::Lambda::Function.Name", type: "AWS::Lambda::Function", property: "FunctionName",
           bad: "my function", good: "my-function",
           extra: "Role: arn:aws:iam::123456789012:role/r\nCode: {ZipFile: x}\nRuntime: python3.12\nHandler: index.handler")
}
