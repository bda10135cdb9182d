import CFNSchema
import CFNTemplate

/// Runs the property validator over every resource of a template once per file, region by
/// region; the E3 property rules each report their share.
enum PropertyValidation {
    static func problems(_ ctx: LintContext) -> [PropertyProblem] {
        ctx.memo.value("properties") { compute(ctx) }
    }

    /// The paths of properties the schema does not allow (E3002 "Additional properties"): cfn-lint
    /// stops there, so nothing inside one (a Ref, a GetAtt) is validated further.
    static func unexpectedPaths(_ ctx: LintContext) -> [[PathElement]] {
        ctx.memo.value("unexpectedProperties") {
            problems(ctx).filter { $0.ruleId == "E3002" && $0.message.hasPrefix("Additional properties are not allowed") }
                .map(\.location.path)
        }
    }

    /// Whether `path` lies inside a property the resource's schema does not allow.
    static func isUnderUnexpectedProperty(_ ctx: LintContext, _ path: [PathElement]) -> Bool {
        guard path.count > 3, path[0] == .key("Resources") else { return false }
        return unexpectedPaths(ctx).contains { p in p.count < path.count && Array(path.prefix(p.count)) == p }
    }

    static func compute(_ ctx: LintContext) -> [PropertyProblem] {
        var out: [PropertyProblem] = []
        var seen = Set<String>()
        var tested = Set<String>()
        func collect(_ n: Node) {
            switch n.value {
            case .mapping(let m):
                for e in m.entries {
                    if e.key.name == "Ref", let t = e.value.text { tested.insert(t) }
                    collect(e.value)
                }
            case .sequence(let items): items.forEach(collect)
            case .scalar: break
            }
        }
        for c in ctx.template.conditions { collect(c.node) }
        for r in ctx.template.resources {
            // Resources with a logical id cfn-lint rejects (E3001) are not validated further.
            guard let type = r.type, isAlphanumeric(r.logicalId), let body = r.node.mapping else { continue }
            switch ctx.schemas.typeKind(type) {
            case .aws, .custom: break
            default: continue  // SAM (validated after the transform by cfn-lint), modules, unknown types
            }
            let base: [PathElement] = [.key("Resources"), .key(r.logicalId), .key("Properties")]
            for region in ctx.regions {
                guard let info = ctx.schemas.resourceType(type, region: region) else { continue }
                let root = SchemaCompiler.shared.root(for: info)
                var validator = PropertyValidator(template: ctx.template, schemas: ctx.schemas, region: region)
                validator.packagePaths = packagePaths[type] ?? []
                validator.conditionParameters = tested
                validator.resourceType = type
                let resourceCondition = r.conditionNode?.text.map { [ConditionAssumption($0, true)] } ?? []
                validator.contextAssumptions = resourceCondition
                validator.satisfiable = { [ctx] in TypeSpecific.satisfiable(ctx, $0) }
                var found: [PropertyProblem] = []
                if let entry = body.entry("Properties") {
                    if PropertyValidator.isNoValue(entry.value) {
                        found.append(PropertyProblem(ruleId: "E3012", message: "{'Ref': 'AWS::NoValue'} is not of type object",
                                                     location: Location(entry.key.range, base + [.key("Ref")])))
                    } else if entry.value.intrinsic?.name == "Fn::If" {
                        // Properties chosen by Fn::If: each branch is the resource's properties in its
                        // scenarios, judged at the Properties key as cfn-lint does.
                        for b in KeywordPath.branches(entry.value, at: Location(entry.key.range, base), resourceCondition)
                        where b.node.mapping != nil && TypeSpecific.satisfiable(ctx, b.assumptions) {
                            var branchValidator = validator
                            branchValidator.contextAssumptions = b.assumptions
                            branchValidator.validate(b.node, root, at: Location(entry.key.range, base), into: &found)
                        }
                    } else if entry.value.mapping != nil {
                        validator.validate(entry.value, root, at: Location(entry.key.range, base), into: &found)
                    }
                } else {
                    for name in root.required {
                        found.append(PropertyProblem(ruleId: "E3003", message: "'\(name)' is a required property",
                                                     location: Location(r.key.range, base)))
                    }
                }
                for p in found {
                    let key = "\(p.ruleId)|\(p.location.range.start)|\(p.message)"
                    if seen.insert(key).inserted { out.append(p) }
                }
            }
        }
        return out
    }
}

extension PropertyValidation {
    /// Properties `aws cloudformation package` fills from a local path (cfn-lint's list).
    static let packagePaths: [String: [String]] = [
        "AWS::ApiGateway::RestApi": ["BodyS3Location"],
        "AWS::Lambda::Function": ["Code"],
        "AWS::Lambda::LayerVersion": ["Content"],
        "AWS::ElasticBeanstalk::ApplicationVersion": ["SourceBundle"],
        "AWS::StepFunctions::StateMachine": ["DefinitionS3Location"],
        "AWS::AppSync::GraphQLSchema": ["DefinitionS3Location"],
        "AWS::AppSync::Resolver": ["RequestMappingTemplateS3Location", "ResponseMappingTemplateS3Location"],
        "AWS::AppSync::FunctionConfiguration": ["RequestMappingTemplateS3Location", "ResponseMappingTemplateS3Location"],
        "AWS::CloudFormation::Stack": ["TemplateURL"],
        "AWS::CodeCommit::Repository": ["Code/S3"],
    ]
}

enum PropertyRules {
    static let all: [Rule] = [e3002, e3003, e3012, e3014, e3017, e3018, e3020, e3021, e3030, e3031, e3032, e3033, e3034, e3037, e3058, w1030]

    static func rule(_ id: String, _ short: String, _ description: String, failing: @autoclosure @escaping @Sendable () -> [RuleExample],
                     passing: @autoclosure @escaping @Sendable () -> [RuleExample]) -> Rule {
        Rule(id, short, description, source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html",
             tags: ["resources", "properties"], failing: failing(), passing: passing()) { ctx, out in
            for p in PropertyValidation.problems(ctx) where p.ruleId == id { out.add(p.message, at: p.location) }
        }
    }

    static let e3002 = rule(
        "E3002", "Resource properties are invalid",
        "Checks that resources have only the properties their type's schema allows, at every level.",
        failing: [RuleExample("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  ⟦E3002⟧QueueNam: q
                  RedrivePolicy:
                    deadLetterTargetArn: arn
                    maxReceiveCount: 3
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  BlockDeviceMappings:
                    - DeviceName: /dev/sda1
                      Ebs:
                        VolumeSize: 10
                        ⟦E3002⟧Size: 3
            """)],
        passing: [RuleExample("""
            Parameters:
              UseName:
                Type: String
            Conditions:
              Named: !Equals [!Ref UseName, "yes"]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !If [Named, q, !Ref AWS::NoValue]
                  DelaySeconds: 5
              Thing:
                Type: Custom::Thing
                Properties:
                  ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f
                  Anything: goes
            """)])

    static let e3003 = rule(
        "E3003", "Required Resource properties are missing",
        "Checks that every property the type's schema requires is present (AWS::NoValue or a null value removes a property first; judged in every condition scenario of the object's Fn::If values).",
        failing: [RuleExample("""
            Resources:
              ⟦E3003⟧Role:
                Type: AWS::IAM::Role
              Role2:
                Type: AWS::IAM::Role
                ⟦E3003⟧Properties:
                  AssumeRolePolicyDocument: !Ref AWS::NoValue
                  Path: /
              Rule:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-12345678
                  IpProtocol: tcp
                  FromPort: 80
                  ToPort: 80
                  CidrIp: 0.0.0.0/0
            """), RuleExample("""
            Resources:
              Method:
                Type: AWS::ApiGateway::Method
                ⟦E3003⟧Properties:
                  RestApiId: api
                  ResourceId: res
                  HttpMethod:
              Stage:
                Type: AWS::ApiGateway::Stage
                Properties:
                  RestApiId: api
                  AccessLogSetting:
                    DestinationArn:
                  Tags:
                    -
                    - ⟦E3003⟧Key: a
                      Value:
            """)],
        passing: [RuleExample("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement: []
            """)])

    static let e3012 = rule(
        "E3012", "Check resource properties values",
        "Checks property values against the schema's types: \"10\" and 10 are the same value, booleans may be \"true\"/\"false\", YAML 1.1 forms (yes, 0x10, 1_000) are reported where a boolean or number is expected, and functions are judged by what they return.",
        failing: [RuleExample("""
            Parameters:
              Subnets:
                Type: List<AWS::EC2::Subnet::Id>
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  KeySchema:
                    - AttributeName: id
                      KeyType: HASH
                  ProvisionedThroughput:
                    ⟦E3012⟧ReadCapacityUnits: many
                    ⟦E3012⟧WriteCapacityUnits: 0x10
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  ⟦E3012⟧FifoQueue: yes
                  ⟦E3012⟧QueueName: !Ref Subnets
                  ⟦E3012⟧Tags: {Key: a, Value: b}
            """)],
        passing: [RuleExample("""
            Parameters:
              Subnets:
                Type: List<AWS::EC2::Subnet::Id>
              Size:
                Type: Number
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  FifoQueue: "true"
                  DelaySeconds: "10"
                  MaximumMessageSize: !Ref Size
                  QueueName: !Join ["-", [a, b]]
              Group:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Subnets: !Ref Subnets
                  Scheme: internal
            """)])

    static let e3014 = rule(
        "E3014", "Validate only one of a set of required properties are specified",
        "Checks properties where exactly one of a group must be present (requiredXor in the schemas).",
        failing: [RuleExample("""
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  BlockDeviceMappings:
                    - ⟦E3014⟧DeviceName: /dev/sda1
            """), RuleExample("""
            Parameters:
              Env:
                Type: String
                AllowedValues: [prod, dev]
              Subnet:
                Type: AWS::EC2::Subnet::Id
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Chosen:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                ⟦E3014⟧Properties: !If
                  - IsProd
                  - Subnets: [!Ref Subnet]
                    Type: network
                  - Name: internal
              Both:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Type: network
                  ⟦E3014⟧Subnets: !If [IsProd, [!Ref Subnet], !Ref AWS::NoValue]
                  ⟦E3014⟧SubnetMappings: [{SubnetId: !Ref Subnet}]
            """)],
        passing: [RuleExample("""
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  BlockDeviceMappings:
                    - DeviceName: /dev/sda1
                      Ebs: {VolumeSize: 10}
            """), RuleExample("""
            Parameters:
              Env:
                Type: String
              Subnet:
                Type: AWS::EC2::Subnet::Id
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              LoadBalancer:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Type: network
                  Subnets: !If [IsProd, [!Ref Subnet], !Ref AWS::NoValue]
                  SubnetMappings: !If [IsProd, !Ref AWS::NoValue, [{SubnetId: !Ref Subnet}]]
            """)])

    static let e3017 = rule(
        "E3017", "Check Properties that need at least one of a list of properties",
        "Checks values against the schema's anyOf alternatives.",
        failing: [RuleExample("""
            Resources:
              Volume:
                Type: AWS::EC2::Volume
                ⟦E3017⟧Properties:
                  AvailabilityZone: us-east-1a
            """)],
        passing: [RuleExample("""
            Resources:
              Volume:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: us-east-1a
                  Size: 10
            """)])

    static let e3018 = rule(
        "E3018", "Check Properties that need only one of a list of properties",
        "Checks values against the schema's oneOf alternatives (reported when none matches).",
        failing: [RuleExample("""
            Resources:
              Block:
                Type: AWS::AppStream::AppBlock
                Properties:
                  Name: b
                  SourceS3Location: {S3Bucket: bucket}
                  Tags:
                    - ⟦E3018⟧Key: a
            """)],
        passing: [RuleExample("""
            Resources:
              Block:
                Type: AWS::AppStream::AppBlock
                Properties:
                  Name: b
                  SourceS3Location: {S3Bucket: bucket}
                  Tags:
                    - Key: a
                      Value: b
            """)])

    static let e3020 = rule(
        "E3020", "Validate that when a property is specified another property should be excluded",
        "Checks properties that must not appear together (dependentExcluded in the schemas).",
        failing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-12345678
                  CidrBlock: 10.0.0.0/24
                  ⟦E3020⟧AvailabilityZone: us-east-1a
                  ⟦E3020⟧AvailabilityZoneId: use1-az1
            """)],
        passing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-12345678
                  CidrBlock: 10.0.0.0/24
                  AvailabilityZone: us-east-1a
            """)])

    static let e3021 = rule(
        "E3021", "Validate that when a property is specified another property should be included",
        "Checks properties that need others with them (dependentRequired / dependencies in the schemas).",
        failing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                ⟦E3021⟧Properties:
                  VpcId: vpc-12345678
                  Ipv4IpamPoolId: ipam-pool-1234
            """)],
        passing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-12345678
                  Ipv4IpamPoolId: ipam-pool-1234
                  Ipv4NetmaskLength: 24
            """)])

    static let e3030 = rule(
        "E3030", "Check if properties have a valid value",
        "Checks values against the schema's enum and const (\"10\" equals 10).",
        failing: [RuleExample("""
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  ⟦E3030⟧LogGroupClass: CHEAP
            """)],
        passing: [RuleExample("""
            Parameters:
              Class:
                Type: String
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupClass: !Ref Class
              Logs2:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupClass: STANDARD
            """)])

    static let e3031 = rule(
        "E3031", "Check if property values adhere to a specific pattern",
        "Checks string values against the schema's pattern (dynamic references are not judged).",
        failing: [RuleExample("""
            Resources:
              Share:
                Type: AWS::ServiceCatalog::PortfolioShare
                Properties:
                  ⟦E3031⟧AccountId: "12345"
                  PortfolioId: port-abc
            """)],
        passing: [RuleExample("""
            Resources:
              Share:
                Type: AWS::ServiceCatalog::PortfolioShare
                Properties:
                  AccountId: "123456789012"
                  PortfolioId: port-abc
            """)])

    static let e3032 = rule(
        "E3032", "Check if a list has between min and max number of values specified",
        "Checks list lengths against the schema's minItems and maxItems (lists with Fn::If items are not judged).",
        failing: [RuleExample("""
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/r
                  Code: {ZipFile: x}
                  ⟦E3032⟧Architectures: []
            """)],
        passing: [RuleExample("""
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/r
                  Code: {ZipFile: x}
                  Architectures: [arm64]
            """)])

    static let e3033 = rule(
        "E3033", "Check if a string has between min and max number of values specified",
        "Checks string lengths against the schema's minLength and maxLength.",
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  ⟦E3033⟧TopicName: "\(String(repeating: "t", count: 257))"
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: t
            """)])

    static let e3034 = rule(
        "E3034", "Check if a number is between min and max",
        "Checks numbers against the schema's minimum and maximum (exclusive forms included).",
        failing: [RuleExample("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  ⟦E3034⟧DelaySeconds: 1000
            """)],
        passing: [RuleExample("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: 900
            """)])

    static let e3037 = rule(
        "E3037", "Check if a list has duplicate values",
        "Checks lists whose schema asks for unique items.",
        failing: [RuleExample("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {}
                  ⟦E3037⟧ManagedPolicyArns:
                    - arn:aws:iam::aws:policy/ReadOnlyAccess
                    - arn:aws:iam::aws:policy/ReadOnlyAccess
            """)],
        passing: [RuleExample("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {}
                  ManagedPolicyArns:
                    - arn:aws:iam::aws:policy/ReadOnlyAccess
            """)])

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

    static let e3058 = rule(
        "E3058", "Validate at least one of the properties are required",
        "Checks properties where at least one of a group must be present (requiredOr in the schemas).",
        failing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                ⟦E3058⟧Properties:
                  VpcId: vpc-12345678
            """)],
        passing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-12345678
                  CidrBlock: 10.0.0.0/24
            """)])
}
