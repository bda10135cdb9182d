import CFNTemplate

extension MappingRules {
    static let w7001 = Rule(
        "W7001", "Check if Mappings are Used",
        "Warns about mappings no Fn::FindInMap uses (a FindInMap with a computed mapping name counts as using every mapping).",
        source: Docs.mappings, tags: ["mappings"],
        failing: [RuleExample("""
            Mappings:
              ⟦W7001⟧Unused:
                Key:
                  Value: a
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)],
        passing: [RuleExample("""
            Mappings:
              Used:
                Key:
                  Value: a
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !FindInMap [Used, Key, Value]
            """)]
    ) { ctx, out in
        guard !ctx.template.mappings.isEmpty else { return }
        var used = Set<String>()
        for call in ctx.calls where call.name == "Fn::FindInMap" {
            guard let first = call.argument.sequence?.first else { continue }
            guard let name = first.scalar?.text else { return }  // computed name: any mapping may be used
            used.insert(name)
        }
        for m in ctx.template.mappings where !used.contains(m.name) {
            out.add("Mapping '\(m.name)' is defined but not used", at: m.key.range, path: [.key("Mappings"), .key(m.name)])
        }
    }
}
