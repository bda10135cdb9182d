import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let w1035 = property("W1035", "Validate the values that come from a Fn::Select function",
             "Checks the values Fn::Select resolves to against the property's schema; reported when no resolution is valid.",
             source: Docs.fn("select"), tags: ["functions", "select"],
             failing: [RuleExample("""
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                    Properties:
                      FifoTopic:
                        ⟦W1035⟧Fn::Select: [0, [maybe, "true"]]
                """)],
             passing: [RuleExample("""
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                    Properties:
                      FifoTopic: !Select [1, [maybe, "true"]]
                """)])
}
