import CFNTemplate
import Foundation

extension TypeSpecificRules {
    static func checkPorts(_ m: Mapping, at loc: Location, _ out: inout Findings) {
        guard let p = m["IpProtocol"], let s = p.scalar, portProtocols.contains(s.text) else { return }
        // Numbers match only their number form ("tcp" is a string; 6 and "6" both count).
        let present = { (k: String) in m[k].map { !PropertyValidator.isNoValue($0) } ?? false }
        if !present("FromPort") || !present("ToPort") {
            out.add("['FromPort', 'ToPort'] are required properties when using 'IpProtocol' value \(TypeSpecific.repr(p))", at: loc)
        }
    }

    static let e3687 = Rule(
        "E3687", "Validate to and from ports based on the protocol",
        "Checks that security group rules for icmp, tcp and udp (1, 6, 17) give FromPort and ToPort.",
        source: docs("aws-properties-ec2-security-group-rule.html"), tags: ["resources"],
        failing: [RuleExample("""
            Resources:
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: g
                  SecurityGroupIngress:
                    - ⟦E3687⟧IpProtocol: tcp
                      CidrIp: 10.0.0.0/8
              Rule:
                Type: AWS::EC2::SecurityGroupIngress
                ⟦E3687⟧Properties:
                  GroupId: sg-12345678
                  IpProtocol: 1
                  CidrIp: 10.0.0.0/8
            """)],
        passing: [RuleExample("""
            Resources:
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: g
                  SecurityGroupIngress:
                    - IpProtocol: tcp
                      FromPort: 443
                      ToPort: 443
                      CidrIp: 10.0.0.0/8
                    - IpProtocol: "-1"
                      CidrIp: 10.0.0.0/8
            """)]
    ) { ctx, out in
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::EC2::SecurityGroup"]) {
            for key in ["SecurityGroupIngress", "SecurityGroupEgress"] {
                guard let (list, listLoc) = TypeSpecific.entry(props, key, under: loc) else { continue }
                for l in TypeSpecific.branches(list, at: listLoc) {
                    for item in TypeSpecific.items(l.node, at: l.location) {
                        if let m = item.node.mapping, item.node.intrinsic == nil { checkPorts(m, at: item.location, &out) }
                    }
                }
            }
        }
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress"]) {
            checkPorts(props, at: loc, &out)
        }
    }
}
