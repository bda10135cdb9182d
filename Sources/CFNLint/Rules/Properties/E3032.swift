import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3032 = rule(
        "E3032", "Check if a list has between min and max number of values specified",
        "Checks list lengths against the schema's minItems and maxItems (lists with Fn::If items are not judged).",
        failing: [RuleExample("""
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/r
                  Code: {ZipFile: x}
                  ⟦E3032⟧Architectures: []
            """)],
        passing: [RuleExample("""
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/r
                  Code: {ZipFile: x}
                  Architectures: [arm64]
            """)])
}
