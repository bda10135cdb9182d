import CFNTemplate

extension FunctionRules {
    static let w1020 = Rule(
        "W1020", "Sub isn't needed if it doesn't have a variable defined",
        "Warns about Fn::Sub strings without any ${} variable.",
        source: Docs.fn("sub"), tags: ["functions", "sub"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦W1020⟧Fn::Sub: plain-name
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Sub ${AWS::StackName}-name
                  TopicName: !Sub "literal-${!NotAVariable}"
            """)]
    ) { ctx, out in
        // Only the string form: a list form has a variables map. SAM templates are skipped: cfn-lint
        // checks them after the SAM transform, which resolves such Subs.
        if ctx.template.isServerless { return }
        for call in ctx.calls where call.name == "Fn::Sub" {
            guard let text = call.argument.text,
                  call.argument.scalar.map({ $0.resolved.kind != .null }) ?? true else { continue }
            if text.containsSubVariable { continue }
            if call.location.path.contains(where: { if case .key(let k) = $0 { return k.hasPrefix("Fn::ForEach::") } else { return false } }) { continue }
            out.add("'Fn::Sub' isn't needed because there are no variables", at: call.location)
        }
    }
}
