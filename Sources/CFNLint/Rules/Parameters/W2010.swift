import CFNTemplate
import Foundation

extension ParameterRules {
    static let w2010 = Rule(
        "W2010", "NoEcho parameters are not masked when used in Metadata and Outputs",
        "Warns when a NoEcho parameter is referenced in resource Metadata or in Outputs, where its value is shown in clear.",
        source: Docs.parameters + "#parameters-section-structure-properties-noecho", tags: ["parameters", "security"],
        failing: [RuleExample("""
            Parameters:
              Secret:
                Type: String
                NoEcho: true
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Metadata:
                  Note:
                    ⟦W2010⟧Ref: Secret
            Outputs:
              Leak:
                Value:
                  ⟦W2010⟧Fn::Sub: ${Secret}
            """)],
        passing: [RuleExample("""
            Parameters:
              Secret:
                Type: String
                NoEcho: true
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref Secret
            """)]
    ) { ctx, out in
        let secret = Set(ctx.template.parameters.filter(\.isNoEcho).map(\.name))
        guard !secret.isEmpty else { return }
        for call in ctx.calls where call.inResourceMetadata || call.section == "Outputs" {
            var names: [String] = []
            if call.name == "Ref", let n = call.argument.text { names = [n] }
            if call.name == "Fn::Sub", let s = call.argument.text ?? call.argument.sequence?.first?.text, let parsed = try? SubString(parsing: s) {
                names = parsed.variables.map(\.name)
            }
            for n in names where secret.contains(n) {
                let place = call.section == "Outputs" ? "Outputs" : "resource metadata"
                out.add("Don't use 'NoEcho' parameter '\(n)' in \(place)", at: call.location)
            }
        }
    }
}
