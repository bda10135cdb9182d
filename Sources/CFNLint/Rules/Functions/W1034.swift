import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let w1034 = property("W1034", "Validate the values that come from a Fn::FindInMap function",
             "Checks the values Fn::FindInMap resolves to (keys given literally or by parameter defaults) against the property's schema; reported when no resolution is valid.",
             source: Docs.fn("findinmap"), tags: ["functions", "findinmap"],
             failing: [RuleExample("""
                Mappings:
                  Networks:
                    Vpc:
                      Cidr: 10.0.0.1/16
                Resources:
                  Vpc:
                    Type: AWS::EC2::VPC
                    Properties:
                      CidrBlock:
                        ⟦W1034⟧Fn::FindInMap: [Networks, Vpc, Cidr]
                """)],
             passing: [RuleExample("""
                Mappings:
                  Networks:
                    Vpc:
                      Cidr: 10.0.0.0/16
                    us-east-1:
                      Cidr: 10.0.0.1/16
                Resources:
                  Vpc:
                    Type: AWS::EC2::VPC
                    Properties:
                      CidrBlock: !FindInMap [Networks, Vpc, Cidr]
                  Vpc2:
                    Type: AWS::EC2::VPC
                    Properties:
                      CidrBlock: !FindInMap [Networks, !Ref AWS::Region, Cidr]
                """)])
}
