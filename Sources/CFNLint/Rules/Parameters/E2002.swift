import CFNTemplate
import Foundation

extension ParameterRules {
    static func isValidType(_ t: String) -> Bool {
        if validTypes.contains(t) { return true }
        if t.hasPrefix("List<"), t.hasSuffix(">") { return listableTypes.contains(String(t.dropFirst(5).dropLast())) }
        if t.hasPrefix("AWS::SSM::Parameter::Value<"), t.hasSuffix(">") {
            let inner = String(t.dropFirst("AWS::SSM::Parameter::Value<".count).dropLast())
            return inner == "String" || inner == "List<String>" || inner == "CommaDelimitedList" || isValidType(inner)
        }
        return false
    }

    static let e2002 = Rule(
        "E2002", "Parameters have appropriate type",
        "Checks that each parameter's Type is one CloudFormation knows.",
        source: Docs.parameters + "#parameters-section-structure-properties-type", tags: ["parameters"],
        failing: [RuleExample("""
            Parameters:
              Flag:
                Type: ⟦E2002⟧Boolean
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref Flag
            """)],
        passing: [RuleExample("""
            Parameters:
              Subnets:
                Type: List<AWS::EC2::Subnet::Id>
              Ami:
                Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Join [",", !Ref Subnets]
                  TopicName: !Ref Ami
            """)]
    ) { ctx, out in
        for p in ctx.template.parameters {
            guard let t = p.typeNode, let name = t.scalar?.text, !t.isNull else { continue }
            if !isValidType(name) {
                out.add("'\(name)' is not one of \(FunctionChecks.list(validTypes))", at: t.range, path: [.key("Parameters"), .key(p.name), .key("Type")])
            }
        }
    }
}
