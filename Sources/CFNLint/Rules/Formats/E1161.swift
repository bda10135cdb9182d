import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let e1161 = format("E1161", "Validate S3 bucket name format",
           "Checks values of the AWS::S3::Bucket.Name format: 3 to 63 lowercase letters, digits, dots and hyphens.",
           format: "AWS::S3::Bucket.Name", type: "AWS::S3::Bucket", property: "BucketName",
           bad: "My_Bucket", good: "my-bucket")
}
