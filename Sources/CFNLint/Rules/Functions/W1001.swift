import CFNTemplate

extension FunctionRules {
    static let w1001 = Rule(
        "W1001", "Ref/GetAtt to resource that is available when conditions are applied",
        "Warns when a Ref, GetAtt or Sub variable names a resource with a Condition from a place where that condition may be false.",
        source: Docs.conditions, tags: ["conditions", "resources", "functions"],
        failing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Condition: IsProd
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  ⟦W1001⟧DisplayName:
                    Fn::GetAtt: [Queue, QueueName]
            Outputs:
              Url:
                ⟦W1001⟧Value:
                  Ref: Queue
            """)],
        passing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsProdEu: !And [!Condition IsProd, !Equals [!Ref "AWS::Region", eu-west-1]]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Condition: IsProd
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !If [IsProd, !GetAtt Queue.QueueName, none]
              Other:
                Type: AWS::SNS::Topic
                Condition: IsProdEu
                Properties:
                  DisplayName: !Ref Queue
            Outputs:
              Url:
                Condition: IsProd
                Value: !Ref Queue
            """)]
    ) { ctx, out in
        let t = ctx.template
        guard t.resources.contains(where: { $0.condition != nil }) else { return }
        let implications = ConditionImplications(t)
        for call in ctx.calls where call.section == "Resources" || call.section == "Outputs" {
            var targets: [(String, String)] = []  // (resource, "Ref"/"GetAtt")
            switch call.name {
            case "Ref": if let n = call.argument.text { targets.append((n, "Ref")) }
            case "Fn::GetAtt":
                if let n = call.argument.sequence?.first?.text { targets.append((n, "GetAtt")) }
                else if let s = call.argument.text, let dot = s.firstIndex(of: ".") { targets.append((String(s[..<dot]), "GetAtt")) }
            case "Fn::Sub":
                let str = call.argument.text ?? call.argument.sequence?.first?.text
                let vars = call.argument.sequence?.dropFirst().first?.mapping
                if let str, let parsed = try? SubString(parsing: str) {
                    for (name, _) in parsed.variables where vars?[name] == nil {
                        let (target, attr) = SubString.splitVariable(name)
                        targets.append((target, attr == nil ? "Ref" : "GetAtt"))
                    }
                }
            default: continue
            }
            for (name, kind) in targets {
                guard let r = t.resource(name), let c = r.condition?.name, call.owner != name else { continue }
                if implications.holds(c, given: call.assumptions) { continue }
                if let solver = ctx.hooks.conditionsSatisfiable,
                   solver(t, call.assumptions + [ConditionAssumption(c, false)]) == false { continue }
                var when = "when condition '\(c)' is False"
                for a in call.assumptions where a.name != c { when += " and when condition '\(a.name)' is \(a.value ? "True" : "False")" }
                out.add("\(kind) to resource '\(name)' that may not be available \(when) at \(call.holder.path.slashed)", at: call.holder)
            }
        }
    }
}
