import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3017 = rule(
        "E3017", "Check Properties that need at least one of a list of properties",
        "Checks values against the schema's anyOf alternatives.",
        failing: [RuleExample("""
            Resources:
              Volume:
                Type: AWS::EC2::Volume
                ⟦E3017⟧Properties:
                  AvailabilityZone: us-east-1a
            """)],
        passing: [RuleExample("""
            Resources:
              Volume:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: us-east-1a
                  Size: 10
            """)])
}
