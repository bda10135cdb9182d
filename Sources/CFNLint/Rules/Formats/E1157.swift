import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let e1157 = Rule("E1157", "Validate KMS key ARN format",
         "Checks values of the AWS::KMS::Key.Arn format: arn:<partition>:kms:<region>:<account>:key/ or alias/.",
         source: formatSource + "#AWS::KMS::Key.Arn", tags: ["resources", "format"],
         failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  ⟦E1157⟧⟦E1162⟧⟦E1164⟧⟦E3017⟧KmsMasterKeyId: aws/sns
            """)],
         passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  KmsMasterKeyId: alias/aws/sns
              Topic2:
                Type: AWS::SNS::Topic
                Properties:
                  KmsMasterKeyId: arn:aws:kms:us-east-1:123456789012:key/abc
            """)]) { ctx, out in
        for p in PropertyValidation.problems(ctx) where p.ruleId == "E1157" { out.add(p.message, at: p.location) }
    }
}
