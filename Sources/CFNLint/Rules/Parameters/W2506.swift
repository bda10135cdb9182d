import CFNTemplate
import Foundation

extension ParameterRules {
    static let imageIdTypes = ["AWS::EC2::Image::Id", "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"]

    static let w2506 = Rule(
        "W2506", "Check if ImageId Parameters have the correct type",
        "Warns when a parameter used as an ImageId is not of type AWS::EC2::Image::Id (or its SSM form), which lets CloudFormation check it.",
        source: Docs.parameters + "#aws-specific-parameter-types", tags: ["parameters", "ec2"],
        failing: [RuleExample("""
            Parameters:
              Ami:
                ⟦W2506⟧Type: String
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: !Ref Ami
            """)],
        passing: [RuleExample("""
            Parameters:
              Ami:
                Type: AWS::EC2::Image::Id
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: !Ref Ami
            """)]
    ) { ctx, out in
        var reported = Set<String>()
        for call in ctx.calls where call.name == "Ref" && call.inProperties && call.section == "Resources" {
            guard let n = call.argument.text, let p = ctx.template.parameter(n), let type = p.type,
                  call.location.path.dropLast().last == .key("ImageId"), !imageIdTypes.contains(type),
                  let typeEntry = p.node.entry("Type"), reported.insert(n).inserted else { continue }
            out.add("'\(type)' is not one of \(FunctionChecks.list(imageIdTypes))", at: typeEntry.key.range,
                    path: [.key("Parameters"), .key(n), .key("Type")])
        }
    }
}
