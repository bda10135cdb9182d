import CFNSchema
import CFNTemplate

extension ResourceAttributeRules {
    static let w3045 = Rule(
        "W3045", "Controlling access to an S3 bucket should be done with bucket policies",
        "Warns about the legacy AccessControl property of S3 buckets.",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html", tags: ["resources", "s3"],
        failing: [RuleExample("""
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  ⟦W3045⟧AccessControl: Private
            """)],
        passing: [RuleExample("""
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: b
            """)]
    ) { ctx, out in
        for r in ctx.template.resources where r.type == "AWS::S3::Bucket" {
            guard let e = r.properties?.mapping?.entry("AccessControl") else { continue }
            out.add("'AccessControl' is a legacy property. Consider using 'AWS::S3::BucketPolicy' instead", at: e.key.range,
                    path: [.key("Resources"), .key(r.logicalId), .key("Properties"), .key("AccessControl")])
        }
    }
}
