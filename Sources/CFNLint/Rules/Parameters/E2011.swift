import CFNTemplate
import Foundation

extension ParameterRules {
    static let e2011 = Rule(
        "E2011", "Parameter name limit not exceeded",
        "Checks that parameter names are at most 255 characters.",
        source: Docs.limits, tags: ["parameters", "limits"],
        failing: [RuleExample("Parameters:\n  ⟦E2011⟧" + String(repeating: "P", count: 256) + ":\n    Type: String\n    Default: a\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Ref " + String(repeating: "P", count: 256) + "\n")],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        for p in ctx.template.parameters where p.name.count > 255 {
            out.add("The length of parameter name (\(p.name.count)) exceeds the limit (255)", at: p.key.range, path: [.key("Parameters"), .key(p.name)])
        }
    }
}
