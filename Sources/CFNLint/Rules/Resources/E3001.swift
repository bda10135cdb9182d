import CFNTemplate

extension ResourceRules {
    static let e3001 = Rule(
        "E3001", "Basic CloudFormation Resource Check",
        "Checks each resource: a mapping with a string Type, only known resource attributes, Properties as a mapping, an alphanumeric logical id.",
        source: Docs.resources, tags: ["resources"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                ⟦E3001⟧Propertes: {}
              ⟦E3001⟧NoType:
                Properties: {}
              ⟦E3001⟧Bad-Name:
                Type: AWS::SNS::Topic
              Queue:
                Type: AWS::SQS::Queue
                ⟦E3001⟧Properties: [a]
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                DeletionPolicy: Retain
                UpdateReplacePolicy: Retain
                Metadata: {a: b}
                Properties:
                  DisplayName: a
            """)]
    ) { ctx, out in
        for r in ctx.template.resources {
            let base: [PathElement] = [.key("Resources"), .key(r.logicalId)]
            if r.logicalId.hasPrefix("Fn::ForEach::") { continue }
            if !isAlphanumeric(r.logicalId) {
                out.add("'\(r.logicalId)' does not match any of the regexes: '^[a-zA-Z0-9]+$'", at: r.key.range, path: base)
            }
            guard let m = r.node.mapping else {
                out.add("\(FunctionChecks.describe(r.node)) is not of type 'object'", at: r.key.range, path: base)
                continue
            }
            if m["Type"] == nil { out.add("'Type' is a required property", at: r.key.range, path: base) }
            let samResource = ctx.template.isServerless && (r.type?.hasPrefix("AWS::Serverless::") ?? false)
            for e in m.entries where !Resource.attributeNames.contains(e.key.name) && !(samResource && e.key.name == "IgnoreGlobals") {
                out.add("Additional properties are not allowed ('\(e.key.name)' was unexpected)", at: e.key.range, path: base + [.key(e.key.name)])
            }
            if r.type?.hasSuffix("::MODULE") == true {
                for name in ["CreationPolicy", "UpdatePolicy"] {
                    if let e = m.entry(name) {
                        out.add("False schema does not allow \(FunctionChecks.describe(e.value))", at: e.key.range, path: base + [.key(name)])
                    }
                }
            }
            if let t = m.entry("Type"), t.value.scalar == nil || t.value.isNull {
                out.add("\(FunctionChecks.describe(t.value)) is not of type 'string'", at: t.key.range, path: base + [.key("Type")])
            }
            if let p = m.entry("Properties"), p.value.mapping == nil {
                out.add("\(FunctionChecks.describe(p.value)) is not of type 'object'", at: p.key.range, path: base + [.key("Properties")])
            }
        }
    }
}
