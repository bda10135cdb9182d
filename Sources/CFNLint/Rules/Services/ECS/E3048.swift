import CFNIntrinsics
import CFNTemplate

extension EC2AndECSRules {
    static let e3048 = Rule(
        "E3048", "Validate ECS Fargate tasks have required properties and values",
        "Checks that task definitions requiring FARGATE compatibility set NetworkMode (awsvpc), Cpu and Memory at the task level.",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
        tags: ["resources", "ecs"],
        failing: [RuleExample("""
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                ⟦E3048⟧⟦E3048⟧Properties:
                  RequiresCompatibilities: [FARGATE]
                  ⟦E3048⟧NetworkMode: bridge
                  ContainerDefinitions:
                    - {Name: app, Image: nginx, Memory: 512}
            """)],
        passing: [RuleExample("""
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RequiresCompatibilities: [FARGATE]
                  NetworkMode: awsvpc
                  Cpu: "256"
                  Memory: "512"
                  ContainerDefinitions:
                    - {Name: app, Image: nginx}
              OnEC2:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RequiresCompatibilities: [EC2]
                  ContainerDefinitions:
                    - {Name: app, Image: nginx, Memory: 512}
            """)]
    ) { ctx, out in
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::ECS::TaskDefinition"]) {
            guard let compat = props["RequiresCompatibilities"]?.sequence,
                  compat.contains(where: { $0.text == "FARGATE" }) else { continue }
            for key in ["NetworkMode", "Cpu", "Memory"] where TypeSpecific.entry(props, key, under: loc) == nil {
                // A property given only in some Fn::If branches of the whole mapping is not judged.
                out.add("'\(key)' is a required property", at: loc)
            }
            if let mode = TypeSpecific.entry(props, "NetworkMode", under: loc), let text = TypeSpecific.string(mode.node), text != "awsvpc" {
                out.add("\(TypeSpecific.repr(text)) is not one of ['awsvpc']", at: mode.location)
            }
        }
    }
}
