import CFNIntrinsics
import CFNTemplate
import Foundation

/// Rules on the values properties take: the schemas' `format` identifiers (E1150 ... E1164),
/// values intrinsic functions resolve to (W1031 ... W1036) and Fn::If branches no combination of
/// conditions reaches (W1028).
enum ValueRules {
    static let all: [Rule] = formatRules + resolvedRules + [w1028]

    static let formatSource = "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/format_keyword.md"

    /// A rule reporting the property problems attributed to its id.
    static func property(_ id: String, _ short: String, _ description: String, source: String, tags: [String],
                         failing: @autoclosure @escaping @Sendable () -> [RuleExample],
                         passing: @autoclosure @escaping @Sendable () -> [RuleExample]) -> Rule {
        Rule(id, short, description, source: source, tags: tags, failing: failing(), passing: passing()) { ctx, out in
            for p in PropertyValidation.problems(ctx) where p.ruleId == id { out.add(p.message, at: p.location) }
        }
    }

    /// A format rule with one failing and one passing example: `property` of resource `type` set to
    /// `bad` (marked) and `good`; `extra` adds required properties.
    static func format(_ id: String, _ short: String, _ description: String, format: String, type: String,
                       property: String, bad: String, good: String, extra: String = "", alsoMarked: [String] = []) -> Rule {
        let marks = ([id] + alsoMarked).map { "⟦\($0)⟧" }.joined()
        let failing = formatExample(id: marks, type: type, property: property, value: bad, marked: true, extra: extra)
        let passing = formatExample(id: id, type: type, property: property, value: good, marked: false, extra: extra)
        return ValueRules.property(id, short, description, source: formatSource + "#" + format, tags: ["resources", "format"],
                                   failing: [RuleExample(failing)], passing: [RuleExample(passing)])
    }

    /// `id` is the markers put before the property when `marked`.
    static func formatExample(id: String, type: String, property: String, value: String, marked: Bool, extra: String) -> String {
        var lines = ["Resources:", "  Thing:", "    Type: \(type)", "    Properties:"]
        lines.append("      \(marked ? id : "")\(property): \(value)")
        for line in extra.split(separator: "\n") { lines.append("      " + line) }
        return lines.joined(separator: "\n") + "\n"
    }

    static let formatRules: [Rule] = [
        format("E1150", "Validate security group format",
               "Checks values of the AWS::EC2::SecurityGroup.Id format: sg- and 8 or 17 hex digits.",
               format: "AWS::EC2::SecurityGroup.Id", type: "AWS::EC2::SecurityGroupIngress", property: "SourceSecurityGroupId",
               bad: "sg-1234567", good: "sg-12345678", extra: "GroupId: sg-abcdef12\nIpProtocol: tcp"),
        format("E1151", "Validate VPC id format",
               "Checks values of the AWS::EC2::VPC.Id format: vpc- and 8 or 17 hex digits.",
               format: "AWS::EC2::VPC.Id", type: "AWS::EC2::Subnet", property: "VpcId",
               bad: "vpc-123456", good: "vpc-12345678", extra: "CidrBlock: 10.0.0.0/24"),
        format("E1152", "Validate AMI id format",
               "Checks values of the AWS::EC2::Image.Id format: ami- and 8 or 17 lowercase letters or digits (resolve:ssm: accepted in launch templates).",
               format: "AWS::EC2::Image.Id", type: "AWS::EC2::Instance", property: "ImageId",
               bad: "ami-123456", good: "ami-12345678"),
        format("E1154", "Validate VPC subnet id format",
               "Checks values of the AWS::EC2::Subnet.Id format: subnet- and 8 or 17 hex digits.",
               format: "AWS::EC2::Subnet.Id", type: "AWS::EC2::Instance", property: "SubnetId",
               bad: "abc-123456", good: "subnet-12345678", extra: "ImageId: ami-12345678"),
        Rule("E1155", "Validate CloudWatch logs group name",
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
        },
        format("E1156", "Validate IAM role ARN format",
               "Checks values of the AWS::IAM::Role.Arn format: arn:<partition>:iam::<account>:role/<name>.",
               format: "AWS::IAM::Role.Arn", type: "AWS::Logs::SubscriptionFilter", property: "RoleArn",
               bad: "arn:aws:iam:::role/r", good: "arn:aws:iam::123456789012:role/r",
               extra: "LogGroupName: g\nFilterPattern: \"\"\nDestinationArn: arn:aws:kinesis:us-east-1:123456789012:stream/s"),
        Rule("E1157", "Validate KMS key ARN format",
             "Checks values of the AWS::KMS::Key.Arn format: arn:<partition>:kms:<region>:<account>:key/ or alias/.",
             source: formatSource + "#AWS::KMS::Key.Arn", tags: ["resources", "format"],
             failing: [RuleExample("""
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                    Properties:
                      ⟦E1157⟧⟦E1162⟧⟦E1164⟧⟦E3017⟧KmsMasterKeyId: aws/sns
                """)],
             passing: [RuleExample("""
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                    Properties:
                      KmsMasterKeyId: alias/aws/sns
                  Topic2:
                    Type: AWS::SNS::Topic
                    Properties:
                      KmsMasterKeyId: arn:aws:kms:us-east-1:123456789012:key/abc
                """)]) { ctx, out in
            for p in PropertyValidation.problems(ctx) where p.ruleId == "E1157" { out.add(p.message, at: p.location) }
        },
        format("E1158", "Validate SNS topic ARN format",
               "Checks values of the AWS::SNS::Topic.Arn format: arn:<partition>:sns:<region>:<account>:<name>.",
               format: "AWS::SNS::Topic.Arn", type: "AWS::SNS::Subscription", property: "TopicArn",
               bad: "my-topic", good: "arn:aws:sns:us-east-1:123456789012:my-topic", extra: "Protocol: email"),
        format("E1159", "Validate ACM certificate ARN format",
               "Checks values of the AWS::ACM::Certificate.Arn format: arn:<partition>:acm:<region>:<account>:certificate/<id>.",
               format: "AWS::ACM::Certificate.Arn", type: "AWS::ApiGateway::DomainName", property: "CertificateArn",
               bad: "my-certificate", good: "arn:aws:acm:us-east-1:123456789012:certificate/abc", extra: "DomainName: example.com"),
        format("E1160", "Validate Lambda function ARN format",
               "Checks values of the AWS::Lambda::Function.Arn format: arn:<partition>:lambda:<region>:<account>:function:<name>.",
               format: "AWS::Lambda::Function.Arn", type: "AWS::IoT::CertificateProvider", property: "LambdaFunctionArn",
               bad: "my-function", good: "arn:aws:lambda:us-east-1:123456789012:function:f",
               extra: "AccountDefaultForOperations: [CreateCertificateFromCsr]"),
        format("E1161", "Validate S3 bucket name format",
               "Checks values of the AWS::S3::Bucket.Name format: 3 to 63 lowercase letters, digits, dots and hyphens.",
               format: "AWS::S3::Bucket.Name", type: "AWS::S3::Bucket", property: "BucketName",
               bad: "My_Bucket", good: "my-bucket"),
        format("E1162", "Validate KMS key ID format",
               "Checks values of the AWS::KMS::Key.Id format: a key UUID, an mrk- id or an alias/ name.",
               format: "AWS::KMS::Key.Id", type: "AWS::SNS::Topic", property: "KmsMasterKeyId",
               bad: "key-1", good: "1234abcd-12ab-34cd-56ef-1234567890ab", alsoMarked: ["E1157", "E1164", "E3017"]),
        format("E1163", "Validate Lambda function name format",
               "Checks values of the AWS::Lambda::Function.Name format: 1 to 140 letters, digits, hyphens and underscores.",
               format: "AWS::Lambda::Function.Name", type: "AWS::Lambda::Function", property: "FunctionName",
               bad: "my function", good: "my-function",
               extra: "Role: arn:aws:iam::123456789012:role/r\nCode: {ZipFile: x}\nRuntime: python3.12\nHandler: index.handler"),
        format("E1164", "Validate KMS alias name format",
               "Checks values of the AWS::KMS::Alias.AliasName format: alias/ and a name.",
               format: "AWS::KMS::Alias.AliasName", type: "AWS::SNS::Topic", property: "KmsMasterKeyId",
               bad: "aws/sns", good: "alias/aws/sns", alsoMarked: ["E1157", "E1162", "E3017"]),
    ]

    // MARK: Resolved values

    static let resolvedRules: [Rule] = [
        property("W1031", "Validate the values that come from a Fn::Sub function",
                 "Checks the strings Fn::Sub resolves to (parameter defaults, pseudo parameters) against the property's schema; reported when no resolution is valid.",
                 source: Docs.fn("sub"), tags: ["functions", "sub"],
                 failing: [RuleExample("""
                    Parameters:
                      Env:
                        Type: String
                        Default: Prod
                    Resources:
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketName:
                            ⟦W1031⟧⟦W1031⟧Fn::Sub: ${Env}-Bucket
                    """)],
                 passing: [RuleExample("""
                    Parameters:
                      Env:
                        Type: String
                        Default: prod
                    Resources:
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketName: !Sub ${Env}-bucket-${AWS::AccountId}
                      Other:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketName: !Sub ${Bucket}-Copy
                    """)]),
        property("W1032", "Validate the values that come from a Fn::Join function",
                 "Checks the strings Fn::Join resolves to (mappings, parameter defaults, pseudo parameters) against the property's schema; reported when no resolution is valid.",
                 source: Docs.fn("join"), tags: ["functions", "join"],
                 failing: [RuleExample("""
                    Resources:
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketName:
                            ⟦W1032⟧⟦W1032⟧Fn::Join: ["-", [My_Bucket, !Ref AWS::Region]]
                    """)],
                 passing: [RuleExample("""
                    Resources:
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketName: !Join ["-", [my-bucket, !Ref AWS::Region]]
                      Other:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketName: !Join ["-", [My_Bucket, !GetAtt Bucket.Arn]]
                    """)]),
        property("W1034", "Validate the values that come from a Fn::FindInMap function",
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
                    """)]),
        property("W1035", "Validate the values that come from a Fn::Select function",
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
                    """)]),
        property("W1036", "Validate the values that come from a Fn::GetAZs function",
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
                    """)]),
    ]

    // MARK: W1028 unreachable Fn::If branches

    static let w1028 = Rule(
        "W1028", "Check Fn::If has a path that cannot be reached",
        "Warns about Fn::If branches that no combination of conditions reaches, given the resource's Condition and the enclosing Fn::If branches.",
        source: Docs.base + "intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-if",
        tags: ["functions", "if"],
        failing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsDev: !Equals [!Ref Env, dev]
              IsProdOrDev: !Or [!Condition IsProd, !Condition IsDev]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Condition: IsProd
                Properties:
                  DelaySeconds: !If
                    - IsProdOrDev
                    - 1
                    - ⟦W1028⟧2
              Queue2:
                Type: AWS::SQS::Queue
                Properties:
                  MessageRetentionPeriod: !If
                    - IsProd
                    - !If [IsDev, ⟦W1028⟧60, 120]
                    - 240
            """)],
        passing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsDev: !Equals [!Ref Env, dev]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: !If [IsProd, 1, !If [IsDev, 2, 3]]
            """)]
    ) { ctx, out in
        let names = Set(ctx.template.conditions.map(\.name))
        let order = Dictionary(ctx.template.conditions.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        for call in ctx.calls where call.name == "Fn::If" && call.inProperties && call.section == "Resources" {
            guard let args = call.argument.sequence, args.count == 3, let c = args[0].text, names.contains(c) else { continue }
            let current = call.assumptions
            // Inside a branch already unreachable: reported there.
            if current.count > 1, ctx.conditionsSatisfiable(current) == false { continue }
            for (index, value) in [(1, true), (2, false)] {
                let message: String
                if let existing = current.first(where: { $0.name == c }) {
                    guard existing.value != value else { continue }
                    message = "When setting condition '\(c)' to \(py(value)) from current status \(py(existing.value))"
                } else {
                    guard ctx.conditionsSatisfiable(current + [ConditionAssumption(c, value)]) == false else { continue }
                    // A condition that can never take this value on its own (a constant comparison,
                    // a parameter allowed one value) is not reported: cfn-lint's solver sees the
                    // comparison as free there.
                    guard ctx.conditionsSatisfiable([ConditionAssumption(c, value)]) != false else { continue }
                    var text = "When setting condition '\(c)' to \(py(value))"
                    let others = current.sorted { (order[$0.name] ?? 0) < (order[$1.name] ?? 0) }
                    if !others.isEmpty {
                        text += ". Where existing status for " + others.map { "condition '\($0.name)' is \(py($0.value))" }.joined(separator: " and ")
                    }
                    message = text
                }
                let branch = args[index]
                let path = call.location.path + [.index(index)]
                out.add("['Fn::If', \(index)] is not reachable. \(message)", at: Location(branch.range.isSynthetic ? call.location.range : branch.range, path))
            }
        }
    }

    static func py(_ b: Bool) -> String { b ? "True" : "False" }
}
