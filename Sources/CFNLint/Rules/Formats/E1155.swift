import CFNIntrinsics
import CFNTemplate
import Foundation

extension ValueRules {
    static let e1155 = Rule("E1155", "Validate CloudWatch logs group name",
         "Checks log group name characters (cfn-lint 1.51.0 applies it to values of the AWS::EC2::Subnet.Id format).",
         source: formatSource + "#AWS::Logs::LogGroup.Name", tags: ["resources", "format"],
         failing: [RuleExample("""
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  ⟦E1154⟧⟦E1155⟧SubnetId: "subnet 1234"
            """)],
         passing: [RuleExample("""
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  SubnetId: subnet-12345678
            """)]) { ctx, out in
        for p in PropertyValidation.problems(ctx) where p.ruleId == "E1155" { out.add(p.message, at: p.location) }
    }
}
