import CFNSchema
import CFNTemplate

extension ResourceAttributeRules {
    static let e3035 = Rule(
        "E3035", "Check DeletionPolicy values for Resources",
        "Checks that DeletionPolicy is Delete, Retain, RetainExceptOnCreate or (for types with snapshots) Snapshot.",
        source: Docs.base + "aws-attribute-deletionpolicy.html", tags: ["resources", "deletionpolicy"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                ⟦E3035⟧DeletionPolicy: Keep
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                DeletionPolicy: Retain
                UpdateReplacePolicy: Retain
            """)]
    ) { ctx, out in policyCheck("DeletionPolicy", ctx, &out) }
}
