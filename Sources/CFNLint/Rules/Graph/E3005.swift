import CFNGraph
import CFNIntrinsics
import CFNTemplate

extension GraphRules {
    static let e3005 = Rule(
        "E3005", "Check DependsOn values for Resources",
        "Checks that DependsOn names resources of the template, as strings, and warns where the resource named can be absent (its Condition false) while the dependent exists.",
        source: Docs.base + "aws-attribute-dependson.html", tags: ["resources", "dependson"],
        failing: [RuleExample("""
            Parameters:
              Env: {Type: String, AllowedValues: [dev, prod]}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Optional:
                Type: AWS::SNS::Topic
                Condition: IsProd
              Queue:
                Type: AWS::SQS::Queue
                DependsOn:
                  - ⟦E3005⟧Optional
                  - ⟦E3005⟧Missing
            """)],
        passing: [RuleExample("""
            Parameters:
              Env: {Type: String, AllowedValues: [dev, prod]}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Optional:
                Type: AWS::SNS::Topic
                Condition: IsProd
              AlsoOptional:
                Type: AWS::SQS::Queue
                Condition: IsProd
                DependsOn: Optional
            """)]
    ) { ctx, out in
        let analysis = LazyConditionAnalysis(template: ctx.template)
        let check = DependsOnCheck(graph: ctx.graph) { target, dependent in
            guard let dependent else { return true }
            if target == dependent { return false }
            return analysis.canHold([target: false, dependent: true])
        }
        for finding in check.findings() {
            let location = dependsOnLocation(ctx, finding)
            switch finding.kind {
            case .missingTarget:
                if ctx.sam?.generates(finding.target) == true { continue }
                out.add("DependsOn should reference other resources at \(finding.path.joined(separator: "/"))"
                        + (finding.suggestion.map { " ('\(finding.target)' is not a resource; did you mean '\($0)'?)" } ?? " ('\(finding.target)' is not a resource)"),
                        at: location)
            case .invalidShape:
                out.add("DependsOn values should be strings at \(finding.path.joined(separator: "/"))", at: location)
            case .duplicateTarget:
                out.add(finding.message, at: location)
            case .conditionalTarget:
                guard let targetCondition = ctx.template.resource(finding.target)?.condition?.name else { continue }
                if let dependent = ctx.template.resource(finding.resource)?.condition?.name {
                    out.add("'\(finding.target)' will not exist when condition '\(targetCondition)' is False and when condition '\(dependent)' is True",
                            at: location)
                } else {
                    out.add("'\(finding.target)' will not exist when condition '\(targetCondition)' is False", at: location)
                }
            case .selfDependency, .redundant:
                continue
            }
        }
    }
}
