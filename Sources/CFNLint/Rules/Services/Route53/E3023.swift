import CFNTemplate
import Foundation

extension TypeSpecificRules {
    static func checkRecordSet(_ props: Mapping, at loc: Location, _ out: inout Findings) {
        guard let type = props["Type"].flatMap(TypeSpecific.string),
              let (records, recordsLoc) = TypeSpecific.entry(props, "ResourceRecords", under: loc) else { return }
        let check = recordChecks[type]
        for list in TypeSpecific.branches(records, at: recordsLoc, keepLocation: true) {
            guard let items = list.node.sequence else { continue }
            let kept = items.filter { !PropertyValidator.isNoValue($0) }
            if singleValued.contains(type), kept.count > 1, !kept.contains(where: { $0.intrinsic?.name == "Fn::If" }) {
                out.add("expected maximum item count: 1, found: \(kept.count)", at: recordsLoc)
            }
            guard let check else { continue }
            for item in TypeSpecific.items(list.node, at: recordsLoc) {
                guard let value = TypeSpecific.string(item.node), !TypeSpecific.isDynamicReference(value) else { continue }
                switch check {
                case .ipv4:
                    if !TypeSpecific.isIPv4(value) { out.add("\(TypeSpecific.repr(value)) is not a 'ipv4'", at: item.location) }
                case .ipv6:
                    if !TypeSpecific.isIPv6(value) { out.add("\(TypeSpecific.repr(value)) is not a 'ipv6'", at: item.location) }
                case .pattern(let p):
                    if p.matches(value) == false { out.add(p.message(value), at: item.location) }
                case .cname:
                    let d = domainName.matches(value), a = acmValidation.matches(value)
                    if d == false, a == false {
                        out.add("\(TypeSpecific.repr(value)) is not valid under any of the given schemas", at: item.location)
                        out.add(domainName.message(value), at: item.location)
                        out.add(acmValidation.message(value), at: item.location)
                    }
                }
            }
        }
    }

    static let e3023 = Rule(
        "E3023", "Validate Route53 RecordSets",
        "Checks the values of Route 53 records against their type: A and AAAA addresses, CAA, MX and TXT formats, domain names for CNAME, NS and PTR, a single value for CNAME and SOA.",
        source: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/ResourceRecordTypes.html",
        tags: ["resources", "route53", "record_set"],
        failing: [RuleExample("""
            Resources:
              Record:
                Type: AWS::Route53::RecordSet
                Properties:
                  HostedZoneName: example.com.
                  Name: www.example.com
                  Type: A
                  TTL: "300"
                  ResourceRecords:
                    - ⟦E3023⟧256.0.0.1
              Cname:
                Type: AWS::Route53::RecordSet
                Properties:
                  HostedZoneName: example.com.
                  Name: c.example.com
                  Type: CNAME
                  TTL: "300"
                  ⟦E3023⟧ResourceRecords: [a.example.com, b.example.com]
              Group:
                Type: AWS::Route53::RecordSetGroup
                Properties:
                  HostedZoneName: example.com.
                  RecordSets:
                    - Name: t.example.com
                      Type: TXT
                      TTL: "300"
                      ResourceRecords:
                        - ⟦E3023⟧unquoted
            """)],
        passing: [RuleExample("""
            Resources:
              Record:
                Type: AWS::Route53::RecordSet
                Properties:
                  HostedZoneName: example.com.
                  Name: www.example.com
                  Type: AAAA
                  TTL: "300"
                  ResourceRecords: ["2001:db8::1", !Ref AWS::NoValue]
              Mail:
                Type: AWS::Route53::RecordSet
                Properties:
                  HostedZoneName: example.com.
                  Name: example.com
                  Type: MX
                  TTL: "300"
                  ResourceRecords: ["10 mail.example.com"]
              Cname:
                Type: AWS::Route53::RecordSet
                Properties:
                  HostedZoneName: example.com.
                  Name: _x.example.com
                  Type: CNAME
                  TTL: "300"
                  ResourceRecords: [_abc.acm-validations.aws.]
            """)]
    ) { ctx, out in
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::Route53::RecordSet"]) {
            checkRecordSet(props, at: loc, &out)
        }
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::Route53::RecordSetGroup"]) {
            guard let (sets, setsLoc) = TypeSpecific.entry(props, "RecordSets", under: loc) else { continue }
            for b in TypeSpecific.items(sets, at: setsLoc) {
                if let m = b.node.mapping, b.node.intrinsic == nil { checkRecordSet(m, at: b.location, &out) }
            }
        }
    }
}
