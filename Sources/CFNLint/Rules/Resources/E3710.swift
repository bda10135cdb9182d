import CFNSchema
import CFNTemplate

extension ResourceAttributeRules {
    static let e3710 = Rule(
        "E3710", "Resource type is from a service that has been shut down",
        "Reports resource types of AWS services that have been shut down (lifecycle data of the schemas).",
        source: "https://docs.aws.amazon.com/general/latest/gr/full_shutdown_services.html", tags: ["resources", "lifecycle"],
        failing: [RuleExample("""
            Resources:
              Channel:
                Type: AWS::IoTAnalytics::Channel
                ⟦E3710⟧Properties: {}
            """)],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in lifecycle("shutdown", ctx, &out) }
}
