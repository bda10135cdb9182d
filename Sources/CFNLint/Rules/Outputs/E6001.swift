import CFNTemplate

extension OutputRules {
    static let e6001 = Rule(
        "E6001", "Check the properties of Outputs",
        "Checks each output: a mapping with a Value, only known attributes, an alphanumeric name, and an Export with a Name.",
        source: Docs.outputs, tags: ["outputs"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              ⟦E6001⟧NoValue:
                Description: nothing
              ⟦E6001⟧Bad-Name:
                Value: a
              Extra:
                Value: a
                ⟦E6001⟧Exports: {Name: a}
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              Arn:
                Value: !Ref Topic
                Export:
                  Name: !Sub ${AWS::StackName}-Arn
            """)]
    ) { ctx, out in
        for o in ctx.template.outputs {
            let base: [PathElement] = [.key("Outputs"), .key(o.name)]
            if o.name.hasPrefix("Fn::ForEach::") && ctx.template.usesLanguageExtensions { continue }
            if !isAlphanumeric(o.name) {
                out.add("'\(o.name)' does not match any of the regexes: '^[a-zA-Z0-9]+$'", at: o.key.range, path: base)
            }
            if o.name.hasPrefix("Fn::ForEach::") { continue }
            guard let m = o.node.mapping else {
                out.add("\(FunctionChecks.describe(o.node)) is not of type 'object'", at: o.key.range, path: base)
                continue
            }
            if m["Value"] == nil { out.add("'Value' is a required property", at: o.key.range, path: base) }
            for e in m.entries where !Output.attributeNames.contains(e.key.name) && !(e.key.name == "Metadata" && e.value["cfn-lint"] != nil) {
                out.add("Additional properties are not allowed ('\(e.key.name)' was unexpected)", at: e.key.range, path: base + [.key(e.key.name)])
            }
            if let ex = m.entry("Export") {
                if ex.value.mapping == nil {
                    out.add("\(FunctionChecks.describe(ex.value)) is not of type 'object'", at: ex.key.range, path: base + [.key("Export")])
                } else if ex.value["Name"] == nil {
                    out.add("'Name' is a required property", at: ex.key.range, path: base + [.key("Export")])
                }
            }
        }
    }
}
