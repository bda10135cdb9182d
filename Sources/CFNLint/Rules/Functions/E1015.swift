import CFNTemplate

extension FunctionRules {
    static let e1015 = Rule.function(
        "E1015", "GetAz validation of parameters",
        "Checks that Fn::GetAZs is given a region name, an empty string or Ref AWS::Region.",
        source: Docs.fn("getavailabilityzones"),
        failing: [RuleExample("""
            Resources:
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MaxSize: "1"
                  MinSize: "1"
                  AvailabilityZones:
                    ⟦E1015⟧Fn::GetAZs: us-east-1a
            """)],
        passing: [RuleExample("""
            Resources:
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MaxSize: "1"
                  MinSize: "1"
                  AvailabilityZones: !GetAZs ""
            """)])
}
