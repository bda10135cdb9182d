import CFNGraph
import CFNIntrinsics
import CFNTemplate

extension GraphRules {
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
}
