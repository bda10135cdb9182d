import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let e1162 = format("E1162", "Validate KMS key ID format",
           "Checks values of the AWS::KMS::Key.Id format: a key UUID, an mrk- id or an alias/ name.",
           format: "AWS::KMS::Key.Id", type: "AWS::SNS::Topic", property: "KmsMasterKeyId",
           bad: "key-1", good: "1234abcd-12ab-34cd-56ef-1234567890ab", alsoMarked: ["E1157", "E1164", "E3017"])
}
