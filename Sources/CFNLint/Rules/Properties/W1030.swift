import CFNSchema
import CFNTemplate

extension PropertyRules {
    static let w1030 = rule(
        "W1030", "Validate the values that come from a Ref function",
        "Checks the default of a String or Number parameter against the schema (enum, pattern, length, network and id formats) where a Ref uses it.",
        failing: [RuleExample("""
            Parameters:
              Ssh:
                Type: String
                Default: 192.168.1.0/0
            Resources:
              Rule:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-12345678
                  IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  CidrIp:
                    ⟦W1030⟧Ref: Ssh
            """)],
        passing: [RuleExample("""
            Parameters:
              Ssh:
                Type: String
                Default: 192.168.1.0/24
            Resources:
              Rule:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-12345678
                  IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  CidrIp: !Ref Ssh
            """)])
}
