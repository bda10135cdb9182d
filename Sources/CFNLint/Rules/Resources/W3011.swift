import CFNSchema
import CFNTemplate

extension ResourceAttributeRules {
    static let w3011 = Rule(
        "W3011", "Check resources with UpdateReplacePolicy/DeletionPolicy have both",
        "Warns when a resource keeps itself on deletion or on replacement but not both (Lambda versions excepted).",
        source: Docs.base + "aws-attribute-deletionpolicy.html", tags: ["resources", "deletionpolicy"],
        failing: [RuleExample("""
            Resources:
              ⟦W3011⟧Bucket:
                Type: AWS::S3::Bucket
                DeletionPolicy: Retain
            """)],
        passing: [RuleExample("""
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                DeletionPolicy: Retain
                UpdateReplacePolicy: Retain
              Other:
                Type: AWS::S3::Bucket
                DeletionPolicy: Delete
            """)]
    ) { ctx, out in
        for r in ctx.template.resources {
            guard let m = r.node.mapping, r.type != "AWS::Lambda::Version", r.type != "AWS::Lambda::LayerVersion" else { continue }
            let d = m["DeletionPolicy"], u = m["UpdateReplacePolicy"]
            if (d != nil && d?.text != "Delete" && u == nil) || (u != nil && u?.text != "Delete" && d == nil) {
                out.add("Both 'UpdateReplacePolicy' and 'DeletionPolicy' are needed to protect resource from deletion",
                        at: r.key.range, path: [.key("Resources"), .key(r.logicalId)])
            }
        }
    }
}
