import CFNTemplate

extension SecretRules {
    static let w4001 = Rule(
        "W4001", "Metadata Interface parameters exist",
        "Checks that AWS::CloudFormation::Interface parameter groups and labels name parameters of the template.",
        source: Docs.base + "aws-cloudformation-interface.html", tags: ["metadata"],
        failing: [RuleExample("""
            Metadata:
              AWS::CloudFormation::Interface:
                ParameterGroups:
                  - Label: {default: Network}
                    Parameters:
                      - ⟦W4001⟧Vpc
                ParameterLabels:
                  ⟦W4001⟧Subnet:
                    default: The subnet
            Parameters:
              VpcId:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref VpcId
            """)],
        passing: [RuleExample("""
            Metadata:
              AWS::CloudFormation::Interface:
                ParameterGroups:
                  - Label: {default: Network}
                    Parameters: [VpcId]
                ParameterLabels:
                  VpcId:
                    default: The VPC
            Parameters:
              VpcId:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref VpcId
            """)]
    ) { ctx, out in
        guard let interface = ctx.template.metadata?["AWS::CloudFormation::Interface"] else { return }
        let names = ctx.template.parameters.map(\.name)
        let base: [PathElement] = [.key("Metadata"), .key("AWS::CloudFormation::Interface")]
        for (g, group) in (interface["ParameterGroups"]?.sequence ?? []).enumerated() {
            for (i, item) in (group["Parameters"]?.sequence ?? []).enumerated() {
                if let n = item.scalar?.text, ctx.template.parameter(n) == nil {
                    out.add("'\(n)' is not one of \(FunctionChecks.list(names))", at: item.range,
                            path: base + [.key("ParameterGroups"), .index(g), .key("Parameters"), .index(i)])
                }
            }
        }
        for e in interface["ParameterLabels"]?.mapping?.entries ?? [] where ctx.template.parameter(e.key.name) == nil {
            out.add("'\(e.key.name)' is not one of \(FunctionChecks.list(names))", at: e.key.range,
                    path: base + [.key("ParameterLabels"), .key(e.key.name)])
        }
    }
}
