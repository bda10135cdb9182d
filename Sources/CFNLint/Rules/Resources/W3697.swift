import CFNSchema
import CFNTemplate

extension ResourceAttributeRules {
    static let w3697 = Rule(
        "W3697", "Resource type is from a service in maintenance mode",
        "Warns about resource types of AWS services in maintenance mode (lifecycle data of the schemas).",
        source: "https://docs.aws.amazon.com/general/latest/gr/maintenance_services.html", tags: ["resources", "lifecycle"],
        failing: [RuleExample("""
            Resources:
              Config:
                Type: AWS::AutoScaling::LaunchConfiguration
                ⟦W3697⟧Properties:
                  ImageId: ami-12345678
                  InstanceType: t3.micro
            """)],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in lifecycle("maintenance", ctx, &out) }
}
