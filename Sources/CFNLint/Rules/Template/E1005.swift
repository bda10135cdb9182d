import CFNTemplate

extension TemplateRules {
    static let e1005 = Rule(
        "E1005", "Validate Transform configuration",
        "Checks that Transform is a name, a list of names, or a mapping with Name and optional Parameters.",
        source: Docs.transform, tags: ["transform"],
        failing: [RuleExample("""
            ⟦E1005⟧Transform:
              ⟦E1005⟧key: value
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)],
        passing: [RuleExample("""
            Transform:
              - AWS::LanguageExtensions
              - Name: AWS::Include
                Parameters:
                  Location: s3://bucket/file.yaml
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)]
    ) { ctx, out in
        guard let entry = ctx.template.root.entry("Transform") else { return }
        func check(_ node: Node, _ path: [PathElement], _ key: SourceRange) {
            switch node.value {
            case .scalar(let s):
                if s.resolved.kind == .null { out.add("None is not of type 'string', 'array', 'object'", at: key, path: path) }
            case .sequence(let items):
                if path.count > 1 { out.add("\(FunctionChecks.describe(node)) is not of type 'string', 'object'", at: key, path: path); return }
                for (i, item) in items.enumerated() { check(item, path + [.index(i)], item.range) }
            case .mapping(let m):
                if m["Name"] == nil { out.add("'Name' is a required property", at: key, path: path) }
                for e in m.entries where e.key.name != "Name" && e.key.name != "Parameters" {
                    out.add("Additional properties are not allowed ('\(e.key.name)' was unexpected)", at: e.key.range, path: path + [.key(e.key.name)])
                }
                if let n = m["Name"], n.scalar == nil { out.add("\(FunctionChecks.describe(n)) is not of type 'string'", at: n.range, path: path + [.key("Name")]) }
                if let p = m["Parameters"], p.mapping == nil { out.add("\(FunctionChecks.describe(p)) is not of type 'object'", at: p.range, path: path + [.key("Parameters")]) }
            }
        }
        check(entry.value, [.key("Transform")], entry.key.range)
    }
}
