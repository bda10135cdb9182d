import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let w1031 = property("W1031", "Validate the values that come from a Fn::Sub function",
             "Checks the strings Fn::Sub resolves to (parameter defaults, pseudo parameters) against the property's schema; reported when no resolution is valid.",
             source: Docs.fn("sub"), tags: ["functions", "sub"],
             failing: [RuleExample("""
                Parameters:
                  Env:
                    Type: String
                    Default: Prod
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName:
                        ⟦W1031⟧⟦W1031⟧Fn::Sub: ${Env}-Bucket
                """)],
             passing: [RuleExample("""
                Parameters:
                  Env:
                    Type: String
                    Default: prod
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Sub ${Env}-bucket-${AWS::AccountId}
                  Other:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Sub ${Bucket}-Copy
                """)])
}
