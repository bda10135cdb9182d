import CFNTemplate

extension ConditionRules {
    static let conditionFunctions: Set<String> = ["Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition"]

    /// A boolean as cfn-lint reads one: YAML 1.1 `true`/`yes`/`on` (plain) or a "true"/"false" string.
    static func isBooleanLiteral(_ node: Node) -> Bool {
        guard let s = node.scalar else { return false }
        if s.resolved.kind == .boolean { return true }
        if ["true", "false", "True", "False"].contains(s.text) { return true }
        return !s.style.isQuoted && ["yes", "no", "on", "off"].contains(s.text.lowercased())
            && [s.text.lowercased(), s.text.capitalized, s.text.uppercased()].contains(s.text)
    }

    static let e8001 = Rule(
        "E8001", "Conditions have appropriate properties",
        "Checks the Conditions section: a mapping of names to a single condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition).",
        source: Docs.conditions, tags: ["conditions"],
        failing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              ⟦E8001⟧IsProd: abc
              ⟦E8001⟧IsDev:
                Fn::Equals: [!Ref Env, dev]
                Extra: 1
              ⟦E8001⟧IsTest: {}
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsDev
                Properties:
                  DisplayName: !If [IsProd, a, !If [IsTest, b, c]]
            """)],
        passing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              NotProd: !Not [!Condition IsProd]
              Always: true
              Quoted: "False"
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: NotProd
                Properties:
                  DisplayName: !If [IsProd, a, !If [Always, b, !If [Quoted, c, d]]]
            """)]
    ) { ctx, out in
        if let section = ctx.template.root.entry("Conditions"), section.value.mapping == nil {
            out.add("\(FunctionChecks.describe(section.value)) is not of type 'object'", at: section.key.range, path: [.key("Conditions")])
            return
        }
        for c in ctx.template.conditions {
            if c.name.hasPrefix("Fn::ForEach::") { continue }
            let path: [PathElement] = [.key("Conditions"), .key(c.name)]
            // cfn-lint's conditions schema: a condition function, or a boolean literal.
            if isBooleanLiteral(c.node) { continue }
            guard let m = c.node.mapping, m.count == 1, conditionFunctions.contains(m.entries[0].key.name) else {
                out.add("\(FunctionChecks.describe(c.node)) is not of type 'boolean'", at: c.key.range, path: path)
                continue
            }
        }
    }
}
