import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3034 = rule(
        "E3034", "Check if a number is between min and max",
        "Checks numbers against the schema's minimum and maximum (exclusive forms included).",
        failing: [RuleExample("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  ⟦E3034⟧DelaySeconds: 1000
            """)],
        passing: [RuleExample("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: 900
            """)])
}
