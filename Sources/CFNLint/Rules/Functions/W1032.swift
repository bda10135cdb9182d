import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let w1032 = property("W1032", "Validate the values that come from a Fn::Join function",
             "Checks the strings Fn::Join resolves to (mappings, parameter defaults, pseudo parameters) against the property's schema; reported when no resolution is valid.",
             source: Docs.fn("join"), tags: ["functions", "join"],
             failing: [RuleExample("""
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName:
                        ⟦W1032⟧⟦W1032⟧Fn::Join: ["-", [My_Bucket, !Ref AWS::Region]]
                """)],
             passing: [RuleExample("""
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Join ["-", [my-bucket, !Ref AWS::Region]]
                  Other:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Join ["-", [My_Bucket, !GetAtt Bucket.Arn]]
                """)])
}
