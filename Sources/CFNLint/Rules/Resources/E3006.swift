import CFNTemplate

extension ResourceRules {
    static let e3006 = Rule(
        "E3006", "Validate the CloudFormation resource type",
        "Checks that each resource type exists in every linted region (custom, SAM with the transform, and module types are accepted; third-party types and types under a macro transform are W3006 warnings).",
        source: Docs.base + "aws-template-resource-type-ref.html", tags: ["resources"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: ⟦E3006⟧AWS::SNS::Topik
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
              Thing:
                Type: Custom::Thing
                Properties:
                  ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f
            """)]
    ) { ctx, out in
        for r in ctx.template.resources {
            guard let t = r.typeNode, let type = t.scalar?.text, !t.isNull else { continue }
            let path: [PathElement] = [.key("Resources"), .key(r.logicalId), .key("Type")]
            switch ctx.schemas.typeKind(type) {
            case .custom, .module: continue
            case .serverless:
                if !ctx.template.isServerless {
                    out.add("Resource type '\(type)' requires the transform 'AWS::Serverless-2016-10-31'", at: t.range, path: path)
                }
            case .thirdPartyOrUnknown:
                guard !unknownTypeMayBeValid(type, in: ctx.template) else { continue }  // W3006
                let hint = ctx.schemas.suggestions(for: type, limit: 1).first.map { " (did you mean '\($0)'?)" } ?? ""
                out.add("Resource type '\(type)' does not exist in '\(ctx.regions[0])'\(hint)", at: t.range, path: path)
            case .aws:
                let missing = ctx.regions.filter { !ctx.schemas.isAvailable(type, in: $0) }
                for region in missing {
                    out.add("Resource type '\(type)' does not exist in '\(region)'", at: t.range, path: path)
                }
            }
        }
    }
}
