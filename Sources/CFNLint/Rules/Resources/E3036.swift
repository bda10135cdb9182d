import CFNSchema
import CFNTemplate

extension ResourceAttributeRules {
    static let e3036 = Rule(
        "E3036", "Check UpdateReplacePolicy values for Resources",
        "Checks that UpdateReplacePolicy is Delete, Retain or (for types with snapshots) Snapshot.",
        source: Docs.base + "aws-attribute-updatereplacepolicy.html", tags: ["resources", "updatereplacepolicy"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                DeletionPolicy: Retain
                ⟦E3036⟧UpdateReplacePolicy: Snapshot
            """)],
        passing: [RuleExample("""
            Resources:
              Volume:
                Type: AWS::EC2::Volume
                DeletionPolicy: Snapshot
                UpdateReplacePolicy: Snapshot
                Properties:
                  AvailabilityZone: us-east-1a
            """)]
    ) { ctx, out in policyCheck("UpdateReplacePolicy", ctx, &out) }
}
