import CFNTemplate

extension ResourceRules {
    // cfn-lint reports these as E3006 errors; cfnkit warns (a deliberate difference, see docs/RULES.md):
    // offline it cannot see the account's registry or what a macro will produce.
    static let w3006 = Rule(
        "W3006", "Resource type is not in the bundled schemas but may be registered",
        "Warns about third-party or private registry types (a namespace other than AWS::), and about unknown types in templates a macro transforms: the account's registry or the macro may provide them. cfn-lint reports these as E3006.",
        source: Docs.base + "registry.html", tags: ["resources"],
        failing: [RuleExample("""
            Resources:
              Report:
                Type: ⟦W3006⟧Initech::TPS::Report
            """), RuleExample("""
            Transform: S3Objects
            Resources:
              Object:
                Type: ⟦W3006⟧AWS::S3::Object
                Properties: {Target: {Bucket: b, Key: k}}
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topik
              Thing:
                Type: Custom::Thing
                Properties:
                  ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f
            """)]
    ) { ctx, out in
        for r in ctx.template.resources {
            guard let t = r.typeNode, let type = t.scalar?.text, !t.isNull,
                  ctx.schemas.typeKind(type) == .thirdPartyOrUnknown, unknownTypeMayBeValid(type, in: ctx.template) else { continue }
            out.add("Resource type '\(type)' is not in the bundled schemas; it must be registered in the account (or produced by a macro) before it deploys",
                    at: t.range, path: [.key("Resources"), .key(r.logicalId), .key("Type")])
        }
    }
}
