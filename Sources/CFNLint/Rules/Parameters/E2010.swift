import CFNTemplate
import Foundation

extension ParameterRules {
    static let e2010 = Rule(
        "E2010", "Parameter limit not exceeded",
        "Checks that the template has at most 200 parameters.",
        source: Docs.limits, tags: ["parameters", "limits"],
        failing: [RuleExample("⟦E2010⟧Parameters:\n" + (1...201).map { "  P\($0):\n    Type: String\n" }.joined()
                              + "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Join [\",\", [" + (1...201).map { "!Ref P\($0)" }.joined(separator: ", ") + "]]\n")],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        if ctx.template.parameters.count > 200, let key = ctx.sectionKey("Parameters") {
            out.add("The number of parameters (\(ctx.template.parameters.count)) exceeds the limit (200)", at: key.range, path: [.key("Parameters")])
        }
    }
}
