import CFNTemplate

extension FunctionRules {
    static let e1011 = Rule.function(
        "E1011", "FindInMap validation of configuration",
        "Checks that Fn::FindInMap has three arguments of the right kinds, names an existing mapping and existing keys.",
        source: Docs.fn("findinmap"),
        failing: [RuleExample("""
            Mappings:
              Regions:
                us-east-1:
                  Ami: ami-12345678
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    Fn::FindInMap: [⟦E1011⟧Nope, us-east-1, Ami]
                  TopicName:
                    Fn::FindInMap: [Regions, us-east-1, ⟦E1011⟧Other]
                  KmsMasterKeyId:
                    ⟦E1011⟧Fn::FindInMap: [Regions, Ami]
            """)],
        passing: [RuleExample("""
            Mappings:
              Regions:
                us-east-1:
                  Ami: ami-12345678
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !FindInMap [Regions, !Ref AWS::Region, Ami]
            """)])
}
