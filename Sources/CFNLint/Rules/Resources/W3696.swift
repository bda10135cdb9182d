import CFNSchema
import CFNTemplate

extension ResourceAttributeRules {
    static let w3696 = Rule(
        "W3696", "Resource type is from a service that is sunsetting",
        "Warns about resource types of AWS services that are being sunset (lifecycle data of the schemas).",
        source: "https://docs.aws.amazon.com/general/latest/gr/sunset_services.html", tags: ["resources", "lifecycle"],
        failing: [RuleExample("""
            Resources:
              Mesh:
                Type: AWS::AppMesh::Mesh
                ⟦W3696⟧Properties: {}
            """)],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in lifecycle("sunset", ctx, &out) }
}
