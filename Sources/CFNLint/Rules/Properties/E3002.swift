import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3002 = rule(
        "E3002", "Resource properties are invalid",
        "Checks that resources have only the properties their type's schema allows, at every level.",
        failing: [RuleExample("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  ⟦E3002⟧QueueNam: q
                  RedrivePolicy:
                    deadLetterTargetArn: arn
                    maxReceiveCount: 3
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  BlockDeviceMappings:
                    - DeviceName: /dev/sda1
                      Ebs:
                        VolumeSize: 10
                        ⟦E3002⟧Size: 3
            """)],
        passing: [RuleExample("""
            Parameters:
              UseName:
                Type: String
            Conditions:
              Named: !Equals [!Ref UseName, "yes"]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !If [Named, q, !Ref AWS::NoValue]
                  DelaySeconds: 5
              Thing:
                Type: Custom::Thing
                Properties:
                  ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f
                  Anything: goes
            """)])
}
