import CFNTemplate
import Foundation

extension ParameterRules {
    /// Parameter names a template uses: Ref arguments and Sub variables anywhere.
    static func usedNames(_ ctx: LintContext) -> Set<String> {
        var used = Set<String>()
        for call in ctx.calls {
            switch call.name {
            case "Ref": if let n = call.argument.text { used.insert(n) }
            case "Fn::Sub":
                if let s = call.argument.text ?? call.argument.sequence?.first?.text, let parsed = try? SubString(parsing: s) {
                    for (name, _) in parsed.variables { used.insert(SubString.splitVariable(name).target) }
                }
            case "Fn::ValueOf", "Fn::ValueOfAll", "Fn::RefAll":
                if let n = call.argument.sequence?.first?.text ?? call.argument.text { used.insert(n) }
            default: break
            }
        }
        return used
    }

    static let w2001 = Rule(
        "W2001", "Check if Parameters are Used",
        "Warns about parameters that nothing in the template references (Ref or a Fn::Sub variable).",
        source: Docs.parameters, tags: ["parameters"],
        failing: [RuleExample("""
            Parameters:
              ⟦W2001⟧Unused:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)],
        passing: [RuleExample("""
            Parameters:
              ByRef:
                Type: String
              BySub:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref ByRef
                  TopicName: !Sub ${BySub}-topic
            """),
                  RuleExample("""
            Transform: MyMacro
            Parameters:
              ForTheMacro:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)]
    ) { ctx, out in
        guard !ctx.template.parameters.isEmpty else { return }
        // Macros (Fn::Transform, non-AWS transforms) may use parameters cfnkit cannot see.
        if ctx.calls.contains(where: { $0.name == "Fn::Transform" }) { return }
        if ctx.template.transformNames.contains(where: { !$0.hasPrefix("AWS::") }) { return }
        let used = usedNames(ctx)
        for p in ctx.template.parameters where !used.contains(p.name) {
            out.add("Parameter \(p.name) not used.", at: p.key.range, path: [.key("Parameters"), .key(p.name)])
        }
    }
}
