import CFNTemplate

extension FunctionRules {
    static let e1032 = Rule(
        "E1032", "Validates ForEach functions",
        "Checks that Fn::ForEach is used with the AWS::LanguageExtensions transform and has an identifier, a collection and an output template.",
        source: Docs.fn("foreach"), tags: ["functions"],
        failing: [RuleExample("""
            Resources:
              ⟦E1032⟧Fn::ForEach::Topics:
                - Name
                - [A, B]
                - Topic${Name}:
                    Type: AWS::SNS::Topic
            """)],
        passing: [RuleExample("""
            Transform: AWS::LanguageExtensions
            Resources:
              Fn::ForEach::Topics:
                - Name
                - [A, B]
                - Topic${Name}:
                    Type: AWS::SNS::Topic
            """)]
    ) { ctx, out in
        let t = ctx.template
        func visit(_ node: Node, _ path: [PathElement]) {
            switch node.value {
            case .mapping(let m):
                for e in m.entries {
                    let here = path + [.key(e.key.name)]
                    if e.key.name.hasPrefix("Fn::ForEach::") {
                        if !t.usesLanguageExtensions {
                            out.add("Missing Transform: Declare the AWS::LanguageExtensions Transform globally to enable use of the intrinsic function Fn::ForEach at \(here.slashed)", at: e.key.range, path: here)
                        } else if let items = e.value.sequence, items.count != 3 {
                            out.add("expected 3 items (identifier, collection, output template), found: \(items.count)", at: e.key.range, path: here)
                        } else if e.value.sequence == nil {
                            out.add("\(FunctionChecks.describe(e.value)) is not of type 'array'", at: e.key.range, path: here)
                        }
                    }
                    visit(e.value, here)
                }
            case .sequence(let items):
                for (i, item) in items.enumerated() { visit(item, path + [.index(i)]) }
            case .scalar: break
            }
        }
        for section in ["Resources", "Outputs", "Conditions"] {
            if let n = t.root[section] { visit(n, [.key(section)]) }
        }
        for p in ctx.functionProblems where p.ruleId == "E1032" { out.add(p.message, at: p.location) }
    }
}
