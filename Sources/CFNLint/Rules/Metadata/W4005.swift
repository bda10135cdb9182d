import CFNTemplate

extension MetadataRules {
    static let w4005 = Rule(
        "W4005", "Validate cfnlint configuration in the Metadata",
        "Checks the template's Metadata: cfn-lint: config: section (known keys of the right kinds).",
        source: Docs.cfnLint + "#metadata", tags: ["metadata"],
        failing: [RuleExample("""
            Metadata:
              cfn-lint:
                config:
                  ignore_checks: ⟦W4005⟧E3012
                  ⟦W4005⟧bad_checks: [E1]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)],
        passing: [RuleExample("""
            Metadata:
              cfn-lint:
                config:
                  ignore_checks: [E3012]
                  regions: [us-east-1]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)]
    ) { _, _ in
        // Reported by the engine while reading the template's configuration.
    }
}
