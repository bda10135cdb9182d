import CFNGraph
import CFNIntrinsics
import CFNTemplate

extension GraphRules {
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
}
