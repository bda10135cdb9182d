import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3018 = rule(
        "E3018", "Check Properties that need only one of a list of properties",
        "Checks values against the schema's oneOf alternatives (reported when none matches).",
        failing: [RuleExample("""
            Resources:
              Block:
                Type: AWS::AppStream::AppBlock
                Properties:
                  Name: b
                  SourceS3Location: {S3Bucket: bucket}
                  Tags:
                    - ⟦E3018⟧Key: a
            """)],
        passing: [RuleExample("""
            Resources:
              Block:
                Type: AWS::AppStream::AppBlock
                Properties:
                  Name: b
                  SourceS3Location: {S3Bucket: bucket}
                  Tags:
                    - Key: a
                      Value: b
            """)])
}
