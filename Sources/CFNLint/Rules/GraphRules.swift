import CFNGraph
import CFNIntrinsics
import CFNTemplate

/// Rules on the dependency graph: cycles (E3004), DependsOn targets (E3005) and DependsOn lists
/// that repeat what a Ref, GetAtt or Sub already says (W3005).
enum GraphRules {
    static var all: [any LintRule] { [e3004, e3005, w3005] }

    static let e3004 = Rule(
        "E3004", "Resource dependencies are not circular",
        "Checks that resources do not depend on each other in a loop (through Ref, GetAtt, Sub or DependsOn); CloudFormation cannot create such a template.",
        source: Docs.base + "aws-attribute-dependson.html", tags: ["resources", "dependencies"],
        failing: [RuleExample("""
            Resources:
              ⟦E3004⟧A:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !GetAtt B.TopicName
              ⟦E3004⟧B:
                Type: AWS::SNS::Topic
                DependsOn: A
              ⟦E3004⟧Self:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub '${Self}-x'
            """)],
        passing: [RuleExample("""
            Resources:
              A:
                Type: AWS::SNS::Topic
              B:
                Type: AWS::SNS::Topic
                DependsOn: A
                Properties:
                  DisplayName: !GetAtt A.TopicName
            """)]
    ) { ctx, out in
        for cycle in ctx.graph.resourceCycles {
            let members = Set(cycle.members)
            for name in cycle.members {
                guard let resource = ctx.template.resource(name) else { continue }
                var next: [String] = []
                for edge in ctx.graph.edges(from: GraphNodeID(kind: .resource, name: name))
                where edge.kind.ordersCreation && edge.to.kind == .resource && members.contains(edge.to.name) && !next.contains(edge.to.name) {
                    next.append(edge.to.name)
                }
                out.add("Circular Dependencies for resource \(name). Circular dependency with [\(next.joined(separator: ", "))]",
                        at: ctx.location(section: "Resources", entry: resource.key))
            }
        }
    }

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

    static let w3005 = Rule(
        "W3005", "Check obsolete DependsOn configuration for Resources",
        "Warns about DependsOn entries that a Ref, Fn::GetAtt or Fn::Sub in the resource already makes a dependency.",
        source: Docs.base + "aws-attribute-dependson.html", tags: ["resources", "dependson"],
        failing: [RuleExample("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {}
              Profile:
                Type: AWS::IAM::InstanceProfile
                ⟦W3005⟧DependsOn: Role
                Properties:
                  Roles: [!Ref Role]
            """)],
        passing: [RuleExample("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {}
              Other:
                Type: AWS::SNS::Topic
              Profile:
                Type: AWS::IAM::InstanceProfile
                DependsOn: Other
                Properties:
                  Roles: [!Ref Role]
            """)]
    ) { ctx, out in
        for finding in DependsOnCheck(graph: ctx.graph).findings() where finding.kind == .redundant {
            guard let edge = finding.implyingEdge else { continue }
            // cfn-lint names a Sub variable by what it stands for: `${X}` a Ref, `${X.Attr}` a GetAtt.
            let kind = edge.kind == .sub ? (edge.attribute == nil ? "Ref" : "GetAtt") : edge.kind.rawValue
            var path = edge.path
            if let last = path.last, last == "Ref" || last.hasPrefix("Fn::") { path.removeLast() }
            out.add("'\(finding.target)' dependency already enforced by a '\(kind)' at '\(path.joined(separator: "/"))'",
                    at: dependsOnLocation(ctx, finding))
        }
    }

    /// cfn-lint points at the list item, or at the `DependsOn` key when the value is a single string.
    static func dependsOnLocation(_ ctx: LintContext, _ finding: DependsOnFinding) -> Location {
        let path: [PathElement] = finding.path.map { Int($0).map(PathElement.index) ?? .key($0) }
        if finding.path.last == "DependsOn", let key = ctx.template.resource(finding.resource)?.node.mapping?.entry("DependsOn")?.key {
            return Location(key.range, path)
        }
        return Location(finding.range, path)
    }
}

/// Builds the condition analysis only when a rule asks a question, and once per template.
final class LazyConditionAnalysis: @unchecked Sendable {
    private let template: Template
    private var analysis: ConditionAnalysis?

    init(template: Template) { self.template = template }

    /// Whether the conditions can take these values together (true when unknown).
    func canHold(_ values: [String: Bool]) -> Bool {
        if analysis == nil { analysis = ConditionAnalysis(template: template) }
        return analysis!.isSatisfiable(values).value
    }
}
