import CFNTemplate

/// Password-like properties and the Metadata interface.
enum SecretRules {
    static let all: [Rule] = [w1011, w2501, w4001]

    /// Property names of AWS resource types that hold a password.
    static let passwordNames: Set<String> = [
        "Password", "MasterUserPassword", "AdminPassword", "DbPassword", "AccountPassword", "KdcAdminPassword",
        "ADDomainJoinPassword", "CrossRealmTrustPrincipalPassword", "ActiveDirectoryPassword",
    ]

    /// Password properties of AWS resources (not custom resources or nested stack parameters).
    static func passwordProperties(_ ctx: LintContext) -> [(key: MappingKey, value: Node, path: [PathElement])] {
        var found: [(MappingKey, Node, [PathElement])] = []
        for r in ctx.template.resources {
            guard let props = r.properties, let type = r.type, type != "AWS::CloudFormation::Stack",
                  ctx.schemas.typeKind(type) == .aws else { continue }
            var path: [PathElement] = [.key("Resources"), .key(r.logicalId), .key("Properties")]
            func visit(_ node: Node) {
                switch node.value {
                case .mapping(let m):
                    if node.intrinsic != nil, node.intrinsic?.name != "Fn::If" { return }
                    for e in m.entries {
                        path.append(.key(e.key.name))
                        if passwordNames.contains(e.key.name) { found.append((e.key, e.value, path)) } else { visit(e.value) }
                        path.removeLast()
                    }
                case .sequence(let items):
                    for (i, item) in items.enumerated() { path.append(.index(i)); visit(item); path.removeLast() }
                case .scalar: break
                }
            }
            visit(props)
        }
        return found
    }

    static func isSecureReference(_ s: String) -> Bool {
        s.contains("{{resolve:ssm-secure:") || s.contains("{{resolve:secretsmanager:")
    }

    static let w1011 = Rule(
        "W1011", "Instead of REFing a parameter for a secret use a dynamic reference",
        "Warns when a password property takes its value from a parameter instead of a Secrets Manager or SSM SecureString dynamic reference.",
        source: Docs.dynamicReferences, tags: ["functions", "security"],
        failing: [RuleExample("""
            Parameters:
              Secret:
                Type: String
                NoEcho: true
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  ⟦W1011⟧MasterUserPassword: !Ref Secret
            """), RuleExample("""
            Parameters:
              Secret:
                Type: String
                NoEcho: true
              Prod:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Prod, "yes"]
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  MasterUserPassword: !If [IsProd, ⟦W1011⟧!Ref Secret, !Ref AWS::NoValue]
              Ds:
                Type: AWS::DirectoryService::SimpleAD
                Properties:
                  Name: corp.example.com
                  ⟦W1011⟧Password: !Ref Secret
                  Size: Small
                  VpcSettings:
                    SubnetIds: [subnet-12345678, subnet-87654321]
                    VpcId: vpc-12345678
            """)],
        passing: [RuleExample("""
            Parameters:
              Secret:
                Type: String
                NoEcho: true
            Resources:
              Broker:
                Type: AWS::AmazonMQ::Broker
                Properties:
                  BrokerName: b
                  DeploymentMode: SINGLE_INSTANCE
                  EngineType: ACTIVEMQ
                  EngineVersion: "5.17"
                  HostInstanceType: mq.t3.micro
                  PubliclyAccessible: false
                  Users:
                    - Username: admin
                      Password: !Ref Secret
            """), RuleExample("""
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  MasterUserPassword: "{{resolve:secretsmanager:db:SecretString:password}}"
            """)]
    ) { ctx, out in
        // cfn-lint's keyword places only (not every property named like a password); a Ref
        // nested in another function (Fn::Sub, Fn::Join) is not a secret passed as is.
        for path in secretPropertyPaths {
            for v in path.values(in: ctx) {
                guard let f = v.node.intrinsic, f.name == "Ref", let n = f.argument.text, ctx.template.parameter(n) != nil else { continue }
                out.add("Use dynamic references over parameters for secrets", at: v.location)
            }
        }
    }

    /// The properties CloudFormation treats as secrets: where cfn-lint 1.51.0 wants a dynamic
    /// reference instead of a parameter (W1011) and where an SSM secure string may be used (E1027).
    /// Source: cfn-lint's `DynamicReferenceSecret` and `DynamicReferenceSecureString` rules.
    static let secretPropertyPaths: [KeywordPath] = [
        "Resources/AWS::DirectoryService::MicrosoftAD/Properties/Password",
        "Resources/AWS::DirectoryService::SimpleAD/Properties/Password",
        "Resources/AWS::ElastiCache::ReplicationGroup/Properties/AuthToken",
        "Resources/AWS::IAM::User/Properties/LoginProfile/Password",
        "Resources/AWS::KinesisFirehose::DeliveryStream/Properties/RedshiftDestinationConfiguration/Password",
        "Resources/AWS::OpsWorks::App/Properties/AppSource/Password",
        "Resources/AWS::OpsWorks::Stack/Properties/RdsDbInstances/*/DbPassword",
        "Resources/AWS::OpsWorks::Stack/Properties/CustomCookbooksSource/Password",
        "Resources/AWS::RDS::DBCluster/Properties/MasterUserPassword",
        "Resources/AWS::RDS::DBInstance/Properties/MasterUserPassword",
        "Resources/AWS::Redshift::Cluster/Properties/MasterUserPassword",
    ].map(KeywordPath.init)

    static let w2501 = Rule(
        "W2501", "Check if Password Properties are correctly configured",
        "Warns when a password property takes a parameter without NoEcho, or a literal that is not a secure dynamic reference.",
        source: Docs.dynamicReferences, tags: ["parameters", "passwords", "security"],
        failing: [RuleExample("""
            Parameters:
              ⟦W2501⟧Secret:
                Type: String
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  MasterUserPassword: !Ref Secret
              Db2:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  ⟦W2501⟧MasterUserPassword: "{{resolve:ssm:plain-parameter:1}}"
            """)],
        passing: [RuleExample("""
            Parameters:
              Secret:
                Type: String
                NoEcho: true
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  MasterUserPassword: !Ref Secret
              Db2:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: mysql
                  MasterUsername: admin
                  MasterUserPassword: "prefix-{{resolve:ssm-secure:pw:1}}"
            """)]
    ) { ctx, out in
        var reported = Set<String>()
        for (key, value, path) in passwordProperties(ctx) {
            if let f = value.intrinsic {
                guard f.name == "Ref", let n = f.argument.text, let p = ctx.template.parameter(n), !p.isNoEcho,
                      reported.insert(n).inserted else { continue }
                out.add("Parameter \(n) used as \(key.name), therefore NoEcho should be True", at: p.key.range, path: [.key("Parameters"), .key(n)])
            } else if let s = value.scalar?.text, !value.isNull, !isSecureReference(s) {
                out.add("Password should use a secure dynamic reference for \(path.slashed)", at: key.range, path: path)
            }
        }
    }

    static let w4001 = Rule(
        "W4001", "Metadata Interface parameters exist",
        "Checks that AWS::CloudFormation::Interface parameter groups and labels name parameters of the template.",
        source: Docs.base + "aws-cloudformation-interface.html", tags: ["metadata"],
        failing: [RuleExample("""
            Metadata:
              AWS::CloudFormation::Interface:
                ParameterGroups:
                  - Label: {default: Network}
                    Parameters:
                      - ⟦W4001⟧Vpc
                ParameterLabels:
                  ⟦W4001⟧Subnet:
                    default: The subnet
            Parameters:
              VpcId:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref VpcId
            """)],
        passing: [RuleExample("""
            Metadata:
              AWS::CloudFormation::Interface:
                ParameterGroups:
                  - Label: {default: Network}
                    Parameters: [VpcId]
                ParameterLabels:
                  VpcId:
                    default: The VPC
            Parameters:
              VpcId:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref VpcId
            """)]
    ) { ctx, out in
        guard let interface = ctx.template.metadata?["AWS::CloudFormation::Interface"] else { return }
        let names = ctx.template.parameters.map(\.name)
        let base: [PathElement] = [.key("Metadata"), .key("AWS::CloudFormation::Interface")]
        for (g, group) in (interface["ParameterGroups"]?.sequence ?? []).enumerated() {
            for (i, item) in (group["Parameters"]?.sequence ?? []).enumerated() {
                if let n = item.scalar?.text, ctx.template.parameter(n) == nil {
                    out.add("'\(n)' is not one of \(FunctionChecks.list(names))", at: item.range,
                            path: base + [.key("ParameterGroups"), .index(g), .key("Parameters"), .index(i)])
                }
            }
        }
        for e in interface["ParameterLabels"]?.mapping?.entries ?? [] where ctx.template.parameter(e.key.name) == nil {
            out.add("'\(e.key.name)' is not one of \(FunctionChecks.list(names))", at: e.key.range,
                    path: base + [.key("ParameterLabels"), .key(e.key.name)])
        }
    }
}

enum ModuleRules {
    static let e5001 = Rule(
        "E5001", "Check that Modules resources are valid",
        "Checks module resources (types ending in ::MODULE): no CreationPolicy or UpdatePolicy, and no reserved AWS::CloudFormation::Module metadata.",
        source: Docs.base + "modules.html", tags: ["resources", "modules"],
        failing: [RuleExample("""
            Resources:
              Module:
                Type: My::Org::Thing::MODULE
                ⟦E5001⟧UpdatePolicy: {}
                Metadata:
                  ⟦E5001⟧AWS::CloudFormation::Module:
                    something: "true"
            """)],
        passing: [RuleExample("""
            Resources:
              Module:
                Type: My::Org::Thing::MODULE
                Properties:
                  Name: x
            """)]
    ) { ctx, out in
        for r in ctx.template.resources where r.type?.hasSuffix("::MODULE") == true {
            let base: [PathElement] = [.key("Resources"), .key(r.logicalId)]
            for name in ["CreationPolicy", "UpdatePolicy"] {
                if let e = r.node.entry(name) {
                    out.add("\(name) is not permitted within Modules", at: e.key.range, path: base + [.key(name)])
                }
            }
            if let m = r.metadata?.entry("AWS::CloudFormation::Module") {
                out.add("The Metadata key AWS::CloudFormation::Module is reserved", at: m.key.range,
                        path: base + [.key("Metadata"), .key("AWS::CloudFormation::Module")])
            }
        }
    }
}
