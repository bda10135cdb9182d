import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3014 = rule(
        "E3014", "Validate only one of a set of required properties are specified",
        "Checks properties where exactly one of a group must be present (requiredXor in the schemas).",
        failing: [RuleExample("""
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  BlockDeviceMappings:
                    - ⟦E3014⟧DeviceName: /dev/sda1
            """), RuleExample("""
            Parameters:
              Env:
                Type: String
                AllowedValues: [prod, dev]
              Subnet:
                Type: AWS::EC2::Subnet::Id
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Chosen:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                ⟦E3014⟧Properties: !If
                  - IsProd
                  - Subnets: [!Ref Subnet]
                    Type: network
                  - Name: internal
              Both:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Type: network
                  ⟦E3014⟧Subnets: !If [IsProd, [!Ref Subnet], !Ref AWS::NoValue]
                  ⟦E3014⟧SubnetMappings: [{SubnetId: !Ref Subnet}]
            """)],
        passing: [RuleExample("""
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  BlockDeviceMappings:
                    - DeviceName: /dev/sda1
                      Ebs: {VolumeSize: 10}
            """), RuleExample("""
            Parameters:
              Env:
                Type: String
              Subnet:
                Type: AWS::EC2::Subnet::Id
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              LoadBalancer:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Type: network
                  Subnets: !If [IsProd, [!Ref Subnet], !Ref AWS::NoValue]
                  SubnetMappings: !If [IsProd, !Ref AWS::NoValue, [{SubnetId: !Ref Subnet}]]
            """)])
}
