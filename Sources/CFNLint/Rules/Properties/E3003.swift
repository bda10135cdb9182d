import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let e3003 = rule(
        "E3003", "Required Resource properties are missing",
        "Checks that every property the type's schema requires is present (AWS::NoValue or a null value removes a property first; judged in every condition scenario of the object's Fn::If values).",
        failing: [RuleExample("""
            Resources:
              ⟦E3003⟧Role:
                Type: AWS::IAM::Role
              Role2:
                Type: AWS::IAM::Role
                ⟦E3003⟧Properties:
                  AssumeRolePolicyDocument: !Ref AWS::NoValue
                  Path: /
              Rule:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-12345678
                  IpProtocol: tcp
                  FromPort: 80
                  ToPort: 80
                  CidrIp: 0.0.0.0/0
            """), RuleExample("""
            Resources:
              Method:
                Type: AWS::ApiGateway::Method
                ⟦E3003⟧Properties:
                  RestApiId: api
                  ResourceId: res
                  HttpMethod:
              Stage:
                Type: AWS::ApiGateway::Stage
                Properties:
                  RestApiId: api
                  AccessLogSetting:
                    DestinationArn:
                  Tags:
                    -
                    - ⟦E3003⟧Key: a
                      Value:
            """)],
        passing: [RuleExample("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement: []
            """)])
}
