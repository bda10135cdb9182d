import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let w1036 = property("W1036", "Validate the values that come from a Fn::GetAZs function",
             "Checks the availability zones Fn::GetAZs resolves to (for the linted region) against the property's schema.",
             source: Docs.fn("getavailabilityzones"), tags: ["functions", "getazs"],
             failing: [RuleExample("""
                Resources:
                  Group:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: g
                      SecurityGroupIngress:
                        ⟦W1036⟧⟦W1036⟧⟦W1036⟧⟦W1036⟧⟦W1036⟧⟦W1036⟧Fn::GetAZs: ""
                """)],
             passing: [RuleExample("""
                Resources:
                  Group:
                    Type: AWS::AutoScaling::AutoScalingGroup
                    Properties:
                      MinSize: "1"
                      MaxSize: "2"
                      AvailabilityZones: !GetAZs ""
                """)])
}
