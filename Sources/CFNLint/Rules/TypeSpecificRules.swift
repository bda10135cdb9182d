import CFNTemplate
import Foundation

/// Type-specific property checks (cfn-lint's schema "extensions" and resource rules): Route 53
/// records, Step Functions definitions, security group ports, IAM actions, nested stack
/// parameters, CloudFront aliases, ElastiCache cluster mode, route table associations.
enum TypeSpecificRules {
    static let all: [Rule] = [e3013, e3022, e3023, e3026, e3039, e3043, e3601, e3687, w3037]

    static func docs(_ page: String) -> String { Docs.base + page }

    // MARK: E3023 Route 53 record sets

    enum RecordCheck: Sendable {
        case pattern(PrintedPattern)
        case ipv4, ipv6, cname
    }

    static let domainName = PrintedPattern(##"^[a-zA-Z0-9\!"\#\$\%\&\'\(\)\*\+\,-\/\:\;\<\=\>\?\@\[\\\]\^\_\`\{\|\}\~\.]+$"##)
    static let acmValidation = PrintedPattern(#"^.*\.acm-validations\.aws\.?$"#)
    static let recordChecks: [String: RecordCheck] = [
        "A": .ipv4,
        "AAAA": .ipv6,
        "CAA": .pattern(PrintedPattern(#"^(0|128)\s([a-zA-Z0-9]+)\s(".+")$"#)),
        "CNAME": .cname,
        "MX": .pattern(PrintedPattern(##"^([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{1-3}|65[0-4][0-9]{1-2}|655[0-2][0-9]|6553[0-5])\s[a-zA-Z0-9\!"\#\$\%\&\'\(\)\*\+\,-\/\:\;\<\=\>\?\@\[\\\]\^\_\`\{\|\}\~\.]+$"##)),
        "NS": .pattern(domainName),
        "PTR": .pattern(domainName),
        "TXT": .pattern(PrintedPattern(#"^("[^"]{1,255}" *)*"[^"]{1,255}"$"#)),
    ]
    /// Record types that take a single value.
    static let singleValued: Set<String> = ["CNAME", "SOA"]

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

    // MARK: E3013 CloudFront aliases

    static let aliasNoWildcardInside = PrintedPattern(#"^(?!.*(?:\.\*\.)).*"#)
    static let aliasDomain = PrintedPattern(#"^(?:[a-z0-9\*](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$"#)

    static let e3013 = Rule(
        "E3013", "CloudFront Aliases",
        "Checks that CloudFront distribution aliases are lower-case domain names, with a wildcard only as the first label.",
        source: docs("aws-properties-cloudfront-distribution-distributionconfig.html#cfn-cloudfront-distribution-distributionconfig-aliases"),
        tags: ["properties", "cloudfront"],
        failing: [RuleExample("""
            Resources:
              Distribution:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Enabled: true
                    Aliases:
                      - www.example.com
                      - ⟦E3013⟧WWW.EXAMPLE.COM
                      - ⟦E3013⟧a.*.example.com
                    DefaultCacheBehavior:
                      TargetOriginId: o
                      ViewerProtocolPolicy: allow-all
            """)],
        passing: [RuleExample("""
            Resources:
              Distribution:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Enabled: true
                    Aliases:
                      - "*.example.com"
                      - !Ref AWS::StackName
                    DefaultCacheBehavior:
                      TargetOriginId: o
                      ViewerProtocolPolicy: allow-all
            """)]
    ) { ctx, out in
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::CloudFront::Distribution"]) {
            guard let (config, configLoc) = TypeSpecific.entry(props, "DistributionConfig", under: loc) else { continue }
            for c in TypeSpecific.branches(config, at: configLoc) {
                guard let (aliases, aliasesLoc) = TypeSpecific.entry(c.node.mapping, "Aliases", under: c.location) else { continue }
                for list in TypeSpecific.branches(aliases, at: aliasesLoc) {
                    for item in TypeSpecific.items(list.node, at: list.location) {
                        guard let value = TypeSpecific.string(item.node), !TypeSpecific.isDynamicReference(value) else { continue }
                        for p in [aliasNoWildcardInside, aliasDomain] where p.matches(value) == false {
                            out.add(p.message(value), at: item.location)
                        }
                    }
                }
            }
        }
    }

    // MARK: E3687 security group ports

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

    static let portProtocols: Set<String> = ["1", "icmp", "6", "tcp", "17", "udp"]

    static func checkPorts(_ m: Mapping, at loc: Location, _ out: inout Findings) {
        guard let p = m["IpProtocol"], let s = p.scalar, portProtocols.contains(s.text) else { return }
        // Numbers match only their number form ("tcp" is a string; 6 and "6" both count).
        let present = { (k: String) in m[k].map { !PropertyValidator.isNoValue($0) } ?? false }
        if !present("FromPort") || !present("ToPort") {
            out.add("['FromPort', 'ToPort'] are required properties when using 'IpProtocol' value \(TypeSpecific.repr(p))", at: loc)
        }
    }

    // MARK: E3022 route table associations

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

    // MARK: E3026 ElastiCache cluster mode

    static let e3026 = Rule(
        "E3026", "Check Elastic Cache Redis Cluster settings",
        "Checks replication groups whose parameter group enables cluster mode: automatic failover must not be turned off, and without NumNodeGroups there must be more than one cache cluster.",
        source: Docs.cfnLint, tags: ["resources", "elasticcache"],
        failing: [RuleExample("""
            Resources:
              Params:
                Type: AWS::ElastiCache::ParameterGroup
                Properties:
                  Description: p
                  CacheParameterGroupFamily: redis7
                  Properties:
                    cluster-enabled: "yes"
              Group:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: g
                  AutomaticFailoverEnabled: false
                  NumNodeGroups: 2
                  ⟦E3026⟧CacheParameterGroupName: !Ref Params
            """)],
        passing: [RuleExample("""
            Resources:
              Params:
                Type: AWS::ElastiCache::ParameterGroup
                Properties:
                  Description: p
                  CacheParameterGroupFamily: redis7
                  Properties:
                    cluster-enabled: "yes"
              Group:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: g
                  AutomaticFailoverEnabled: true
                  NumCacheClusters: 2
                  CacheParameterGroupName: !Ref Params
            """)]
    ) { ctx, out in
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::ElastiCache::ReplicationGroup"]) {
            guard let e = props.entry("CacheParameterGroupName") else { continue }
            let keyLoc = Location(e.key.range, loc.path + [.key("CacheParameterGroupName")])
            // Each Ref to a resource, with the Fn::If branches leading to it.
            var refs: [(target: String, path: [PathElement], conditions: [ConditionAssumption])] = []
            func walk(_ n: Node, _ path: [PathElement], _ conds: [ConditionAssumption]) {
                guard let fn = n.intrinsic else { return }
                if fn.name == "Fn::If", let args = fn.argument.sequence, args.count == 3, let c = args[0].text {
                    walk(args[1], path + [.key("Fn::If"), .index(1)], conds + [ConditionAssumption(c, true)])
                    walk(args[2], path + [.key("Fn::If"), .index(2)], conds + [ConditionAssumption(c, false)])
                } else if fn.name == "Ref", let t = fn.argument.text, ctx.template.resource(t) != nil {
                    refs.append((t, path + [.key("Ref")], conds))
                }
            }
            walk(e.value, keyLoc.path, [])
            let propsNode = Node(.mapping(props))
            for ref in refs {
                let pgProps = ctx.template.resource(ref.target)?.properties?["Properties"] ?? Node(.mapping(Mapping()))
                var names: [String] = []
                TypeSpecific.conditionNames(propsNode, into: &names)
                TypeSpecific.conditionNames(pgProps, into: &names)
                let scenarios: [[ConditionAssumption]?] = names.isEmpty ? [nil] : TypeSpecific.scenarios(ctx, names).map { $0 }
                for scenario in scenarios {
                    if let scenario, scenario.contains(where: { s in ref.conditions.contains { $0.name == s.name && $0.value != s.value } }) { continue }
                    let pg = TypeSpecific.resolve(pgProps, scenario ?? [])
                    guard pg?["cluster-enabled"]?.scalar?.text == "yes" else { continue }
                    let c = TypeSpecific.resolve(propsNode, scenario ?? [])?.mapping
                    let when = scenario.map { " when " + TypeSpecific.scenarioText($0) } ?? ""
                    if let f = c?["AutomaticFailoverEnabled"]?.scalar, f.resolved.kind != .null, f.text.lowercased() == "false" {
                        let p = (ref.path + [.key("AutomaticFailoverEnabled")]).slashed
                        out.add("\"AutomaticFailoverEnabled\" must be misssing or True when setting up a cluster\(when) at \(p)",
                                at: Location(keyLoc.range, ref.path + [.key("AutomaticFailoverEnabled")]))
                    }
                    let groups = c?["NumNodeGroups"]
                    let hasGroups = groups.map { n in n.scalar.map { !["", "0"].contains($0.text) && $0.resolved.kind != .null } ?? true } ?? false
                    if !hasGroups {
                        let n = c?["NumCacheClusters"]
                        let count: Double? = n == nil ? 0 : n?.scalar.flatMap { Double($0.text) }
                        if let count, count <= 1 {
                            let p = (ref.path + [.key("NumCacheClusters")]).slashed
                            out.add("\"NumCacheClusters\" must be greater than one when creating a cluster\(when) at \(p)",
                                    at: Location(keyLoc.range, ref.path + [.key("NumCacheClusters")]))
                        }
                    }
                }
            }
        }
    }

    // MARK: E3039 DynamoDB attribute definitions

    static let e3039 = Rule(
        "E3039", "AttributeDefinitions / KeySchemas mismatch",
        "Checks that a DynamoDB table defines exactly the attributes its key schemas (table, global and local secondary indexes) use.",
        source: docs("aws-resource-dynamodb-table.html"), tags: ["resources", "dynamodb"],
        failing: [RuleExample("""
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                ⟦E3039⟧Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - {AttributeName: id, AttributeType: S}
                    - {AttributeName: unused, AttributeType: S}
                  KeySchema:
                    - {AttributeName: id, KeyType: HASH}
            """)],
        passing: [RuleExample("""
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - {AttributeName: id, AttributeType: S}
                    - {AttributeName: email, AttributeType: S}
                  KeySchema:
                    - {AttributeName: id, KeyType: HASH}
                  GlobalSecondaryIndexes:
                    - IndexName: byEmail
                      KeySchema: [{AttributeName: email, KeyType: HASH}]
                      Projection: {ProjectionType: ALL}
            """)]
    ) { ctx, out in
        let keys = ["AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "LocalSecondaryIndexes"]
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::DynamoDB::Table"]) {
            var names: [String] = []
            for k in keys { if let n = props[k] { TypeSpecific.conditionNames(n, into: &names) } }
            var reported = Set<String>()
            for scenario in TypeSpecific.scenarios(ctx, names) {
                var lists: [String: [Node]] = [:]
                var usable = true
                for k in keys {
                    guard let n = props[k] else { lists[k] = []; continue }
                    guard let v = TypeSpecific.resolve(n, scenario) else { lists[k] = []; continue }
                    guard let items = v.sequence, v.intrinsic == nil else { usable = false; break }
                    lists[k] = items
                }
                guard usable else { continue }
                func name(_ item: Node) -> String? {
                    guard let n = item["AttributeName"], n.intrinsic == nil, let s = n.scalar, s.resolved.kind == .string else { return nil }
                    return s.text
                }
                var attributes = Set<String>()
                for a in lists["AttributeDefinitions"]! {
                    guard let n = name(a) else { usable = false; break }
                    attributes.insert(n)
                }
                guard usable else { continue }
                func keyNames(_ schema: [Node]) -> Set<String> { Set(schema.compactMap(name)) }
                var used = keyNames(lists["KeySchema"]!)
                for index in lists["GlobalSecondaryIndexes"]! + lists["LocalSecondaryIndexes"]! {
                    if let schema = index["KeySchema"]?.sequence { used.formUnion(keyNames(schema)) }
                }
                if attributes != used {
                    let message = "The set of Attributes in AttributeDefinitions: \(TypeSpecific.repr(attributes.sorted())) and KeySchemas: \(TypeSpecific.repr(used.sorted())) must match at \(loc.path.slashed)"
                    if reported.insert(message).inserted { out.add(message, at: loc) }
                }
            }
        }
    }

    // MARK: E3043 nested stack parameters

    static let e3043 = Rule(
        "E3043", "Validate parameters for in a nested stack",
        "Checks the Parameters of a nested stack whose TemplateURL is a local file: every parameter without a default is given, and no parameter the nested template lacks.",
        source: Docs.cfnLint, tags: ["resources", "cloudformation"],
        // The failing example reads Templates/nested/network.yaml relative to the working directory
        // (the package root when tests run).
        failing: [RuleExample("""
            Resources:
              Stack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: Templates/nested/network.yaml
                  ⟦E3043⟧Parameters:
                    VpcCidr: 10.0.0.0/16
                    ⟦E3043⟧Extra: a
            """)],
        passing: [RuleExample("""
            Resources:
              Stack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://example.com/nested.yaml
                  Parameters:
                    Anything: a
            """)]
    ) { ctx, out in
        let path = ctx.template.path
        guard path != "<memory>", path != "-" else { return }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        for (_, props, loc) in TypeSpecific.resources(ctx, ["AWS::CloudFormation::Stack"]) {
            var names: [String] = []
            for k in ["TemplateURL", "Parameters"] { if let n = props[k] { TypeSpecific.conditionNames(n, into: &names) } }
            let scenarios: [[ConditionAssumption]?] = names.isEmpty ? [nil] : TypeSpecific.scenarios(ctx, names).map { $0 }
            for scenario in scenarios {
                guard let url = props["TemplateURL"].flatMap({ TypeSpecific.resolve($0, scenario ?? []) }).flatMap(TypeSpecific.string),
                      !url.hasPrefix("http://"), !url.hasPrefix("https://"), !url.hasPrefix("s3://"), !url.contains("{{resolve:") else { continue }
                let file = base.appendingPathComponent(url).standardizedFileURL.path
                guard let nested = nestedParameters(file),
                      let paramsEntry = props.entry("Parameters"),
                      let given = TypeSpecific.resolve(paramsEntry.value, scenario ?? [])?.mapping else { continue }
                let pLoc = Location(paramsEntry.key.range, loc.path + [.key("Parameters")])
                for e in given.entries where nested[e.key.name] == nil {
                    if let scenario {
                        out.add("Specified parameter \"\(e.key.name)\" doesn't exist in nested stack template \(TypeSpecific.scenarioText(scenario))", at: pLoc)
                    } else {
                        let p = pLoc.path + [.key(e.key.name)]
                        out.add("Specified parameter \"\(e.key.name)\" doesn't exist in nested stack template at \(p.slashed)", at: Location(e.key.range, p))
                    }
                }
                for (name, hasDefault) in nested.sorted(by: { $0.key < $1.key }) where !hasDefault && given[name] == nil {
                    if let scenario {
                        out.add("Nested stack template parameter \"\(name)\" is not specified \(TypeSpecific.scenarioText(scenario))", at: pLoc)
                    } else {
                        out.add("Nested stack template parameter \"\(name)\" is not specified at \(pLoc.path.slashed)", at: pLoc)
                    }
                }
            }
        }
    }

    /// The parameters of a local nested template (name -> has a Default), nil when unreadable.
    static func nestedParameters(_ file: String) -> [String: Bool]? {
        guard FileManager.default.fileExists(atPath: file), let doc = try? TemplateLoader().load(path: file) else { return nil }
        var out: [String: Bool] = [:]
        guard let params = doc.root["Parameters"] else { return [:] }
        guard let m = params.mapping else { return nil }
        for e in m.entries { out[e.key.name] = e.value["Default"].map { !$0.isNull } ?? false }
        return out
    }
}
