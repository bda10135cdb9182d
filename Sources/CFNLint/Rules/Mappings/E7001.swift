import CFNTemplate

extension MappingRules {
    static let e7001 = Rule(
        "E7001", "Mappings are appropriately configured",
        "Checks each mapping: an alphanumeric name and a mapping of keys to mappings of values (strings or lists).",
        source: Docs.mappings, tags: ["mappings"],
        failing: [RuleExample("""
            Mappings:
              ⟦E7001⟧Bad.Name:
                Key:
                  Value: a
              Flat:
                ⟦E7001⟧Key: a
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !FindInMap [Bad.Name, Key, Value]
                  TopicName: !FindInMap [Flat, Key, Value]
            """)],
        passing: [RuleExample("""
            Mappings:
              Regions:
                us-east-1:
                  Ami: ami-12345678
                  Zones: [a, b]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !FindInMap [Regions, !Ref AWS::Region, Ami]
            """)]
    ) { ctx, out in
        for m in ctx.template.mappings {
            let base: [PathElement] = [.key("Mappings"), .key(m.name)]
            if !isAlphanumeric(m.name) {
                out.add("'\(m.name)' does not match any of the regexes: '^[a-zA-Z0-9]+$'", at: m.key.range, path: base)
            }
            guard let top = m.node.mapping else {
                out.add("\(FunctionChecks.describe(m.node)) is not of type 'object'", at: m.key.range, path: base)
                continue
            }
            for e in top.entries {
                if e.key.name == "Metadata", e.value["cfn-lint"] != nil { continue }
                guard let second = e.value.mapping else {
                    out.add("\(FunctionChecks.describe(e.value)) is not of type 'object'", at: e.key.range, path: base + [.key(e.key.name)])
                    continue
                }
                for v in second.entries where v.value.mapping != nil {
                    out.add("\(FunctionChecks.describe(v.value)) is not of type 'string', 'array'", at: v.key.range,
                            path: base + [.key(e.key.name), .key(v.key.name)])
                }
            }
        }
    }
}
