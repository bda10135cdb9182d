import CFNTemplate

extension ConditionRules {
    static let conditionFunctions: Set<String> = ["Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition"]

    static let e8001 = Rule(
        "E8001", "Conditions have appropriate properties",
        "Checks the Conditions section: a mapping of names to a single condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition).",
        source: Docs.conditions, tags: ["conditions"],
        failing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              ⟦E8001⟧IsProd: true
              ⟦E8001⟧IsDev:
                Fn::Equals: [!Ref Env, dev]
                Extra: 1
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsDev
                Properties:
                  DisplayName: !If [IsProd, a, b]
            """)],
        passing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              NotProd: !Not [!Condition IsProd]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: NotProd
                Properties:
                  DisplayName: !If [IsProd, a, b]
            """)]
    ) { ctx, out in
        if let section = ctx.template.root.entry("Conditions"), section.value.mapping == nil {
            out.add("\(FunctionChecks.describe(section.value)) is not of type 'object'", at: section.key.range, path: [.key("Conditions")])
            return
        }
        for c in ctx.template.conditions {
            if c.name.hasPrefix("Fn::ForEach::") { continue }
            let path: [PathElement] = [.key("Conditions"), .key(c.name)]
            guard let m = c.node.mapping, m.count == 1, conditionFunctions.contains(m.entries[0].key.name) else {
                out.add("\(FunctionChecks.describe(c.node)) is not a condition function (\(conditionFunctions.sorted().joined(separator: ", ")))", at: c.key.range, path: path)
                continue
            }
        }
    }
}
