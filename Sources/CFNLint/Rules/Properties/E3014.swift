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
            """)])
}
