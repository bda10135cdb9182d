import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let e1164 = format("E1164", "Validate KMS alias name format",
           "Checks values of the AWS::KMS::Alias.AliasName format: alias/ and a name.",
           format: "AWS::KMS::Alias.AliasName", type: "AWS::SNS::Topic", property: "KmsMasterKeyId",
           bad: "aws/sns", good: "alias/aws/sns", alsoMarked: ["E1157", "E1162", "E3017"])
}
