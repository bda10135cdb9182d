import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3033 = rule(
        "E3033", "Check if a string has between min and max number of values specified",
        "Checks string lengths against the schema's minLength and maxLength.",
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  ⟦E3033⟧TopicName: "\(String(repeating: "t", count: 257))"
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: t
            """)])
}
