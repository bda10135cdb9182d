import CFNTemplate

extension FunctionRules {
    static let e1029 = Rule(
        "E1029", "Sub is required if a variable is used in a string",
        "Finds ${Name} variables naming a parameter, resource or pseudo parameter in strings that are not inside Fn::Sub.",
        source: Docs.fn("sub"), tags: ["functions", "sub"],
        failing: [RuleExample("""
            Parameters:
              AmiId:
                Type: String
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ⟦E1029⟧ImageId: ${AmiId}
                  Tags:
                    - Key: Account
                      ⟦E1029⟧Value: arn:aws:s3:::${AWS::AccountId}
            """)],
        passing: [RuleExample("""
            Parameters:
              AmiId:
                Type: String
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: !Sub ${AmiId}
                  Tags:
                    - Key: IamVariable
                      Value: arn:aws:s3:::bucket/${aws:username}
            """)]
    ) { ctx, out in
        for s in ctx.strings where !s.insideSub && s.section == "Resources" || s.section == "Outputs" && !s.insideSub {
            guard s.text.containsSubVariable else { continue }
            if s.location.path.count > 2, s.location.path[2] == .key("Metadata") { continue }
            // Nested template bodies carry their own ${} for their own Fn::Sub.
            if s.location.path.contains(.key("TemplateBody")) { continue }
            if s.location.path.contains(where: { if case .key(let k) = $0 { return k.hasPrefix("Fn::ForEach::") } else { return false } }) { continue }
            guard let parsed = try? SubString(parsing: s.text) else { continue }
            for (name, _) in parsed.variables {
                let (target, attribute) = SubString.splitVariable(name)
                let known = attribute == nil ? ctx.isRefTarget(target) : ctx.isResource(target)
                if known {
                    out.add("Found an embedded parameter \"${\(name)}\" outside of an \"Fn::Sub\" at \(s.location.path.slashed)", at: s.location)
                }
            }
        }
    }
}
