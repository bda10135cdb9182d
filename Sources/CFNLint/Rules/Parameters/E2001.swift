import CFNTemplate
import Foundation

extension ParameterRules {
    static let e2001 = Rule(
        "E2001", "Parameters have appropriate properties",
        "Checks each parameter: a mapping with a Type and only known attributes of the right kinds.",
        source: Docs.parameters, tags: ["parameters"],
        failing: [RuleExample("""
            Parameters:
              ⟦E2001⟧NoType:
                Default: a
              Env:
                Type: String
                ⟦E2001⟧Defualt: prod
              Size:
                Type: String
                ⟦E2001⟧Default: {Ref: Env}
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Sub ${NoType}${Env}${Size}
            """)],
        passing: [RuleExample("""
            Parameters:
              Env:
                Type: String
                Default: prod
                AllowedValues: [prod, dev]
                Description: The environment
                NoEcho: true
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref Env
            """)]
    ) { ctx, out in
        for p in ctx.template.parameters {
            let base: [PathElement] = [.key("Parameters"), .key(p.name)]
            guard let m = p.node.mapping else {
                out.add("\(FunctionChecks.describe(p.node)) is not of type 'object'", at: p.key.range, path: base)
                continue
            }
            if m["Type"] == nil { out.add("'Type' is a required property", at: p.key.range, path: base) }
            for e in m.entries {
                let path = base + [.key(e.key.name)]
                switch e.key.name {
                case "Type", "Description", "ConstraintDescription", "AllowedPattern":
                    if e.value.scalar == nil || e.value.isNull { out.add("\(FunctionChecks.describe(e.value)) is not of type 'string'", at: e.key.range, path: path) }
                case "Default":
                    if e.value.scalar == nil && e.value.sequence == nil || e.value.mapping != nil {
                        out.add("\(FunctionChecks.describe(e.value)) is not of type 'string'", at: e.key.range, path: path)
                    }
                case "AllowedValues":
                    if e.value.sequence == nil { out.add("\(FunctionChecks.describe(e.value)) is not of type 'array'", at: e.key.range, path: path) }
                case "MinLength", "MaxLength", "MinValue", "MaxValue":
                    if e.value.scalar.map({ Double($0.text) == nil }) ?? true {
                        out.add("\(FunctionChecks.describe(e.value)) is not of type 'integer'", at: e.key.range, path: path)
                    }
                case "NoEcho":
                    if !["true", "false"].contains(e.value.text?.lowercased() ?? "") {
                        out.add("\(FunctionChecks.describe(e.value)) is not of type 'boolean'", at: e.key.range, path: path)
                    }
                case "Metadata" where e.value["cfn-lint"] != nil:
                    break  // cfnkit's per-parameter suppression
                default:
                    out.add("Additional properties are not allowed ('\(e.key.name)' was unexpected)", at: e.key.range, path: path)
                }
            }
        }
    }
}
