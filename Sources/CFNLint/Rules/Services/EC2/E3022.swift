import CFNTemplate
import Foundation

extension TypeSpecificRules {
    static let e3022 = Rule(
        "E3022", "Resource SubnetRouteTableAssociation Properties",
        "Checks that a subnet is associated with one route table only.",
        source: docs("aws-resource-ec2-subnet-route-table-assoc.html"), tags: ["resources", "ec2", "subnet", "route table"],
        failing: [RuleExample("""
            Resources:
              A:
                Type: AWS::EC2::SubnetRouteTableAssociation
                Properties:
                  RouteTableId: rtb-1
                  ⟦E3022⟧SubnetId: subnet-1
              B:
                Type: AWS::EC2::SubnetRouteTableAssociation
                Properties:
                  RouteTableId: rtb-2
                  ⟦E3022⟧SubnetId: subnet-1
            """)],
        passing: [RuleExample("""
            Resources:
              A:
                Type: AWS::EC2::SubnetRouteTableAssociation
                Properties:
                  RouteTableId: rtb-1
                  SubnetId: subnet-1
              B:
                Type: AWS::EC2::SubnetRouteTableAssociation
                Properties:
                  RouteTableId: rtb-2
                  SubnetId: subnet-2
            """)]
    ) { ctx, out in
        struct Key: Hashable { var resourceCondition: String?; var propertyCondition: String?; var value: String }
        func values(_ n: Node, _ rc: String?, _ pc: String?, _ into: inout [Key]) {
            if let m = n.mapping {
                guard m.count == 1 else { return }
                let e = m.entries[0]
                switch e.key.name {
                case "Fn::If":
                    if let args = e.value.sequence, args.count == 3 {
                        let c = args[0].text
                        values(args[1], rc, c, &into)
                        values(args[2], rc, c, &into)
                    }
                case "Ref": values(e.value, rc, pc, &into)
                case "Fn::GetAtt":
                    if let l = e.value.sequence, l.count >= 2, let a = l[0].text, let b = l[1].text {
                        into.append(Key(resourceCondition: rc, propertyCondition: pc, value: a + "." + b))
                    } else if let s = e.value.text {
                        into.append(Key(resourceCondition: rc, propertyCondition: pc, value: s.map(String.init).joined(separator: ".")))
                    }
                default: break
                }
            } else if let s = n.scalar {
                into.append(Key(resourceCondition: rc, propertyCondition: pc, value: s.text))
            }
        }
        var perResource: [(name: String, keys: [Key], location: Location)] = []
        var associated: [Key: [String]] = [:]
        for (r, props, loc) in TypeSpecific.resources(ctx, ["AWS::EC2::SubnetRouteTableAssociation"]) where !props.isEmpty {
            var keys: [Key] = []
            let e = props.entry("SubnetId")
            if let e { values(e.value, r.condition?.name, nil, &keys) }
            for k in keys { associated[k, default: []].append(r.logicalId) }
            let at = e.map { Location($0.key.range, loc.path + [.key("SubnetId")]) } ?? Location(loc.range, loc.path + [.key("SubnetId")])
            perResource.append((r.logicalId, keys, at))
        }
        for (name, keys, at) in perResource {
            for k in keys {
                var others: [String] = []
                if let list = associated[k], list.count > 1 { others += list.filter { $0 != name } }
                let bare = Key(resourceCondition: nil, propertyCondition: nil, value: k.value)
                if k != bare, let list = associated[bare] { others += list }
                if !others.isEmpty {
                    out.add("SubnetId in \(name) is also associated with \(others.joined(separator: ", "))", at: at)
                }
            }
        }
    }
}
