import CFNTemplate

extension ConditionRules {
    static let w8003 = Rule(
        "W8003", "Fn::Equals will always return true or false",
        "Warns about Fn::Equals comparing two literal values or the same value twice.",
        source: Docs.fn("conditions") + "#intrinsic-function-reference-conditions-equals", tags: ["conditions"],
        failing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              ⟦W8003⟧Always: !Equals [a, a]
              ⟦W8003⟧Never: !Equals ["true", "false"]
              ⟦W8003⟧Same: !Equals [!Ref Env, !Ref Env]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !If [Always, !If [Never, a, b], !If [Same, c, d]]
            """)],
        passing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsProd
            """)]
    ) { ctx, out in
        for call in ctx.calls where call.name == "Fn::Equals" && call.section == "Conditions" {
            guard let items = call.argument.sequence, items.count == 2, let owner = call.owner,
                  ctx.template.condition(owner) != nil else { continue }
            let a = items[0], b = items[1]
            let desc = "[\(FunctionChecks.describe(a)), \(FunctionChecks.describe(b))]"
            if let x = a.scalar?.text, let y = b.scalar?.text {
                out.add(x == y ? "\(desc) will always return True or False" : "\(desc) will always return False",
                        at: call.location.range, path: call.location.path)
            } else if a.intrinsic != nil, FunctionChecks.describe(a) == FunctionChecks.describe(b) {
                out.add("\(desc) will always return True or False", at: call.location.range, path: call.location.path)
            }
        }
    }
}
