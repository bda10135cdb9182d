import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3012 = rule(
        "E3012", "Check resource properties values",
        "Checks property values against the schema's types: \"10\" and 10 are the same value, booleans may be \"true\"/\"false\", YAML 1.1 forms (yes, 0x10, 1_000) are reported where a boolean or number is expected, and functions are judged by what they return.",
        failing: [RuleExample("""
            Parameters:
              Subnets:
                Type: List<AWS::EC2::Subnet::Id>
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  KeySchema:
                    - AttributeName: id
                      KeyType: HASH
                  ProvisionedThroughput:
                    ⟦E3012⟧ReadCapacityUnits: many
                    ⟦E3012⟧WriteCapacityUnits: 0x10
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  ⟦E3012⟧FifoQueue: yes
                  ⟦E3012⟧QueueName: !Ref Subnets
                  ⟦E3012⟧Tags: {Key: a, Value: b}
            """)],
        passing: [RuleExample("""
            Parameters:
              Subnets:
                Type: List<AWS::EC2::Subnet::Id>
              Size:
                Type: Number
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  FifoQueue: "true"
                  DelaySeconds: "10"
                  MaximumMessageSize: !Ref Size
                  QueueName: !Join ["-", [a, b]]
              Group:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Subnets: !Ref Subnets
                  Scheme: internal
            """)])
}
