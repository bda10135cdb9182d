import CFNTemplate

enum FunctionRules {
    static let all: [Rule] = [
        e1010, e1011, e1015, e1016, e1017, e1018, e1019, e1020, e1021, e1022, e1024, e1028, e1029, e1030, e1031,
        e1032, e1033, w1001, w1020, w1054,
    ]

    static let topic = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n"

    static let e1010 = Rule.function(
        "E1010", "GetAtt validation of parameters",
        "Checks that Fn::GetAtt names an existing resource and an attribute its type has (in every linted region).",
        source: Docs.fn("getatt"),
        failing: [RuleExample("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    Fn::GetAtt: [⟦E1010⟧Missing, Arn]
                  TopicName:
                    Fn::GetAtt: [Queue, ⟦E1010⟧Nope]
                  ⟦E1010⟧KmsMasterKeyId: !GetAtt Queue
            """)],
        passing: [RuleExample("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !GetAtt Queue.Arn
                  TopicName: !GetAtt [Queue, QueueName]
              Custom:
                Type: Custom::Thing
                Properties:
                  ServiceToken: !GetAtt Queue.Arn
                  Value: !GetAtt Custom.Anything
            """)])

    static let e1011 = Rule.function(
        "E1011", "FindInMap validation of configuration",
        "Checks that Fn::FindInMap has three arguments of the right kinds, names an existing mapping and existing keys.",
        source: Docs.fn("findinmap"),
        failing: [RuleExample("""
            Mappings:
              Regions:
                us-east-1:
                  Ami: ami-12345678
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    Fn::FindInMap: [⟦E1011⟧Nope, us-east-1, Ami]
                  TopicName:
                    Fn::FindInMap: [Regions, us-east-1, ⟦E1011⟧Other]
                  KmsMasterKeyId:
                    ⟦E1011⟧Fn::FindInMap: [Regions, Ami]
            """)],
        passing: [RuleExample("""
            Mappings:
              Regions:
                us-east-1:
                  Ami: ami-12345678
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !FindInMap [Regions, !Ref AWS::Region, Ami]
            """)])

    static let e1015 = Rule.function(
        "E1015", "GetAz validation of parameters",
        "Checks that Fn::GetAZs is given a region name, an empty string or Ref AWS::Region.",
        source: Docs.fn("getavailabilityzones"),
        failing: [RuleExample("""
            Resources:
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MaxSize: "1"
                  MinSize: "1"
                  AvailabilityZones:
                    ⟦E1015⟧Fn::GetAZs: us-east-1a
            """)],
        passing: [RuleExample("""
            Resources:
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MaxSize: "1"
                  MinSize: "1"
                  AvailabilityZones: !GetAZs ""
            """)])

    static let e1016 = Rule.function(
        "E1016", "ImportValue validation of parameters",
        "Checks that Fn::ImportValue is given a string or a function that returns one.",
        source: Docs.fn("importvalue"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1016⟧Fn::ImportValue: [Name]
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !ImportValue
                    Fn::Sub: ${AWS::StackName}-Name
            """)])

    static let e1017 = Rule.function(
        "E1017", "Select validation of parameters",
        "Checks that Fn::Select has an index and a list.",
        source: Docs.fn("select"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1017⟧Fn::Select: [0]
                  TopicName:
                    Fn::Select: [⟦E1017⟧first, [a, b]]
            """),
            // Deliberate difference: cfn-lint 1.51.0 passes this, CloudFormation rejects it ("Fn::Select
            // cannot select nonexistent value at index 5"); `cfnkit resolve` reports the same.
            RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName:
                    Fn::Select: [⟦E1017⟧5, [a, b]]
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Select [0, !GetAZs ""]
            """)])

    static let e1018 = Rule.function(
        "E1018", "Split validation of parameters",
        "Checks that Fn::Split has a delimiter and a source string.",
        source: Docs.fn("split"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    Fn::Select:
                      - 0
                      - ⟦E1017⟧Fn::Split: [","]
                  TopicName:
                    ⟦E1018⟧Fn::Split: ","
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Select [0, !Split [",", "a,b"]]
            """)])

    static let e1019 = Rule.function(
        "E1019", "Sub validation of parameters",
        "Checks Fn::Sub: a string or [string, variables], well-formed ${} variables naming parameters, resources, attributes or pseudo parameters.",
        source: Docs.fn("sub"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1019⟧Fn::Sub: ${Missing}-name
                  TopicName:
                    ⟦E1019⟧Fn::Sub: ${Topic.Nope}
                  KmsMasterKeyId:
                    ⟦E1019⟧Fn::Sub: "${unclosed"
            """)],
        passing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Sub "${Env}-${AWS::Region}-${!Literal}"
                  TopicName: !Sub
                    - ${Name}-topic
                    - Name: !Ref Env
            Outputs:
              Name:
                Value: !Sub ${Topic.TopicName}
            """)])

    static let e1020 = Rule.function(
        "E1020", "Ref validation of value",
        "Checks that Ref names a parameter, a resource or a pseudo parameter (only parameters in Conditions).",
        source: Docs.fn("ref"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1020⟧Ref: Missing
                  ⟦E1020⟧TopicName: !Ref AWS::Regoin
            """)],
        passing: [RuleExample("""
            Parameters:
              Name:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref Name
                  TopicName: !Ref AWS::StackName
              Sub:
                Type: AWS::SNS::Subscription
                Properties:
                  TopicArn: !Ref Topic
                  Protocol: email
            """), RuleExample("""
            Resources:
              Policy:
                Type: AWS::IoT::Policy
                Properties:
                  PolicyDocument: {}
                  Groups: [!Ref Missing]
            """),
                  RuleExample("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  CodeUri: .
                  Events:
                    Api:
                      Type: Api
                      Properties: {Path: /, Method: get}
            Outputs:
              Role:
                Value: !Ref FnRole
              Api:
                Value: !Sub https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/
              Permission:
                Value: !Ref FnApiPermissionProd
              Arn:
                Value: !GetAtt FnRole.Arn
            """)])

    static let e1021 = Rule.function(
        "E1021", "Base64 validation of parameters",
        "Checks that Fn::Base64 is given a string or a function that returns one.",
        source: Docs.fn("base64"),
        failing: [RuleExample("""
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  UserData:
                    ⟦E1021⟧Fn::Base64: [a, b]
            """)],
        passing: [RuleExample("""
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  UserData: !Base64 |
                    #!/bin/bash
                    echo hi
            """)])

    static let e1022 = Rule.function(
        "E1022", "Join validation of parameters",
        "Checks that Fn::Join has a delimiter string and a list.",
        source: Docs.fn("join"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1022⟧Fn::Join: ["-"]
                  TopicName:
                    Fn::Join: ["-", ⟦E1022⟧abc]
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Join ["-", [a, !Ref AWS::Region]]
            """)])

    static let e1024 = Rule.function(
        "E1024", "Cidr validation of parameters",
        "Checks that Fn::Cidr has an IP block, a count and a mask size.",
        source: Docs.fn("cidr"),
        failing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-12345678
                  CidrBlock:
                    Fn::Select:
                      - 0
                      - ⟦E1017⟧Fn::Cidr: [10.0.0.0/16, 4]
                  Ipv6CidrBlock:
                    ⟦E1024⟧Fn::Cidr: [10.0.0.0/16]
            """)],
        passing: [RuleExample("""
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-12345678
                  CidrBlock: !Select [0, !Cidr [10.0.0.0/16, 4, 8]]
            """)])

    static let e1028 = Rule.function(
        "E1028", "Check Fn::If structure for validity",
        "Checks that Fn::If has a condition name that exists and two values.",
        source: Docs.fn("conditions"),
        failing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1028⟧Fn::If: [IsProd, a]
                  TopicName:
                    Fn::If: [⟦E1028⟧IsDev, a, b]
            """)],
        passing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !If [IsProd, a, !Ref AWS::NoValue]
            """)])

    static let e1030 = Rule.function(
        "E1030", "Length validation of parameters",
        "Checks that Fn::Length is used with the AWS::LanguageExtensions transform.",
        source: Docs.fn("length"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1030⟧Fn::Length: [a, b]
            """)],
        passing: [RuleExample("""
            Transform: AWS::LanguageExtensions
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    Fn::Length: [a, b]
            """)])

    static let e1031 = Rule.function(
        "E1031", "ToJsonString validation of parameters",
        "Checks that Fn::ToJsonString is used with the AWS::LanguageExtensions transform.",
        source: Docs.fn("ToJsonString"),
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1031⟧Fn::ToJsonString: {a: b}
            """)],
        passing: [RuleExample("""
            Transform: AWS::LanguageExtensions
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    Fn::ToJsonString: {a: b}
            """)])

    static let e1032 = Rule(
        "E1032", "Validates ForEach functions",
        "Checks that Fn::ForEach is used with the AWS::LanguageExtensions transform and has an identifier, a collection and an output template.",
        source: Docs.fn("foreach"), tags: ["functions"],
        failing: [RuleExample("""
            Resources:
              ⟦E1032⟧Fn::ForEach::Topics:
                - Name
                - [A, B]
                - Topic${Name}:
                    Type: AWS::SNS::Topic
            """)],
        passing: [RuleExample("""
            Transform: AWS::LanguageExtensions
            Resources:
              Fn::ForEach::Topics:
                - Name
                - [A, B]
                - Topic${Name}:
                    Type: AWS::SNS::Topic
            """)]
    ) { ctx, out in
        let t = ctx.template
        func visit(_ node: Node, _ path: [PathElement]) {
            switch node.value {
            case .mapping(let m):
                for e in m.entries {
                    let here = path + [.key(e.key.name)]
                    if e.key.name.hasPrefix("Fn::ForEach::") {
                        if !t.usesLanguageExtensions {
                            out.add("Missing Transform: Declare the AWS::LanguageExtensions Transform globally to enable use of the intrinsic function Fn::ForEach at \(here.slashed)", at: e.key.range, path: here)
                        } else if let items = e.value.sequence, items.count != 3 {
                            out.add("expected 3 items (identifier, collection, output template), found: \(items.count)", at: e.key.range, path: here)
                        } else if e.value.sequence == nil {
                            out.add("\(FunctionChecks.describe(e.value)) is not of type 'array'", at: e.key.range, path: here)
                        }
                    }
                    visit(e.value, here)
                }
            case .sequence(let items):
                for (i, item) in items.enumerated() { visit(item, path + [.index(i)]) }
            case .scalar: break
            }
        }
        for section in ["Resources", "Outputs", "Conditions"] {
            if let n = t.root[section] { visit(n, [.key(section)]) }
        }
        for p in ctx.functionProblems where p.ruleId == "E1032" { out.add(p.message, at: p.location) }
    }

    static let e1033 = Rule.function(
        "E1033", "GetStackOutput validation of parameters",
        "Checks that Fn::GetStackOutput has a StackName and an OutputName.",
        source: Docs.cfnLint,
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦E1033⟧Fn::GetStackOutput:
                      StackName: other
            """)],
        passing: [RuleExample(topic)])

    // MARK: E1029 Sub needed

    static let e1029 = Rule(
        "E1029", "Sub is required if a variable is used in a string",
        "Finds ${Name} variables naming a parameter, resource or pseudo parameter in strings that are not inside Fn::Sub.",
        source: Docs.fn("sub"), tags: ["functions", "sub"],
        failing: [RuleExample("""
            Parameters:
              AmiId:
                Type: String
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ⟦E1029⟧ImageId: ${AmiId}
                  Tags:
                    - Key: Account
                      ⟦E1029⟧Value: arn:aws:s3:::${AWS::AccountId}
            """)],
        passing: [RuleExample("""
            Parameters:
              AmiId:
                Type: String
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: !Sub ${AmiId}
                  Tags:
                    - Key: IamVariable
                      Value: arn:aws:s3:::bucket/${aws:username}
            """)]
    ) { ctx, out in
        for s in ctx.strings where !s.insideSub && s.section == "Resources" || s.section == "Outputs" && !s.insideSub {
            guard s.text.containsSubVariable else { continue }
            if s.location.path.count > 2, s.location.path[2] == .key("Metadata") { continue }
            // Nested template bodies carry their own ${} for their own Fn::Sub.
            if s.location.path.contains(.key("TemplateBody")) { continue }
            if s.location.path.contains(where: { if case .key(let k) = $0 { return k.hasPrefix("Fn::ForEach::") } else { return false } }) { continue }
            guard let parsed = try? SubString(parsing: s.text) else { continue }
            for (name, _) in parsed.variables {
                let (target, attribute) = SubString.splitVariable(name)
                let known = attribute == nil ? ctx.isRefTarget(target) : ctx.isResource(target)
                if known {
                    out.add("Found an embedded parameter \"${\(name)}\" outside of an \"Fn::Sub\" at \(s.location.path.slashed)", at: s.location)
                }
            }
        }
    }

    // MARK: W1001 conditional resources

    static let w1001 = Rule(
        "W1001", "Ref/GetAtt to resource that is available when conditions are applied",
        "Warns when a Ref, GetAtt or Sub variable names a resource with a Condition from a place where that condition may be false.",
        source: Docs.conditions, tags: ["conditions", "resources", "functions"],
        failing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Condition: IsProd
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  ⟦W1001⟧DisplayName:
                    Fn::GetAtt: [Queue, QueueName]
            Outputs:
              Url:
                ⟦W1001⟧Value:
                  Ref: Queue
            """)],
        passing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsProdEu: !And [!Condition IsProd, !Equals [!Ref "AWS::Region", eu-west-1]]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Condition: IsProd
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !If [IsProd, !GetAtt Queue.QueueName, none]
              Other:
                Type: AWS::SNS::Topic
                Condition: IsProdEu
                Properties:
                  DisplayName: !Ref Queue
            Outputs:
              Url:
                Condition: IsProd
                Value: !Ref Queue
            """)]
    ) { ctx, out in
        let t = ctx.template
        guard t.resources.contains(where: { $0.condition != nil }) else { return }
        let implications = ConditionImplications(t)
        for call in ctx.calls where call.section == "Resources" || call.section == "Outputs" {
            var targets: [(String, String)] = []  // (resource, "Ref"/"GetAtt")
            switch call.name {
            case "Ref": if let n = call.argument.text { targets.append((n, "Ref")) }
            case "Fn::GetAtt":
                if let n = call.argument.sequence?.first?.text { targets.append((n, "GetAtt")) }
                else if let s = call.argument.text, let dot = s.firstIndex(of: ".") { targets.append((String(s[..<dot]), "GetAtt")) }
            case "Fn::Sub":
                let str = call.argument.text ?? call.argument.sequence?.first?.text
                let vars = call.argument.sequence?.dropFirst().first?.mapping
                if let str, let parsed = try? SubString(parsing: str) {
                    for (name, _) in parsed.variables where vars?[name] == nil {
                        let (target, attr) = SubString.splitVariable(name)
                        targets.append((target, attr == nil ? "Ref" : "GetAtt"))
                    }
                }
            default: continue
            }
            for (name, kind) in targets {
                guard let r = t.resource(name), let c = r.condition?.name, call.owner != name else { continue }
                if implications.holds(c, given: call.assumptions) { continue }
                if let solver = ctx.hooks.conditionsSatisfiable,
                   solver(t, call.assumptions + [ConditionAssumption(c, false)]) == false { continue }
                var when = "when condition '\(c)' is False"
                for a in call.assumptions where a.name != c { when += " and when condition '\(a.name)' is \(a.value ? "True" : "False")" }
                out.add("\(kind) to resource '\(name)' that may not be available \(when) at \(call.holder.path.slashed)", at: call.holder)
            }
        }
    }

    // MARK: W1020 Sub not needed

    static let w1020 = Rule(
        "W1020", "Sub isn't needed if it doesn't have a variable defined",
        "Warns about Fn::Sub strings without any ${} variable.",
        source: Docs.fn("sub"), tags: ["functions", "sub"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName:
                    ⟦W1020⟧Fn::Sub: plain-name
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Sub ${AWS::StackName}-name
                  TopicName: !Sub "literal-${!NotAVariable}"
            """)]
    ) { ctx, out in
        // Only the string form: a list form has a variables map. SAM templates are skipped: cfn-lint
        // checks them after the SAM transform, which resolves such Subs.
        if ctx.template.isServerless { return }
        for call in ctx.calls where call.name == "Fn::Sub" {
            guard let text = call.argument.text,
                  call.argument.scalar.map({ $0.resolved.kind != .null }) ?? true else { continue }
            if text.containsSubVariable { continue }
            if call.location.path.contains(where: { if case .key(let k) = $0 { return k.hasPrefix("Fn::ForEach::") } else { return false } }) { continue }
            out.add("'Fn::Sub' isn't needed because there are no variables", at: call.location)
        }
    }

    // MARK: W1054 pseudo parameter as a plain string

    static let w1054 = Rule(
        "W1054", "Pseudo-parameter string found without Ref",
        "Warns about plain strings such as 'AWS::Region' that were probably meant as Ref: AWS::Region.",
        source: Docs.base + "pseudo-parameter-reference.html", tags: ["functions"],
        failing: [RuleExample("""
            Resources:
              Zone:
                Type: AWS::Route53::HostedZone
                Properties:
                  Name: example.com
                  VPCs:
                    - VPCId: vpc-12345678
                      ⟦W1054⟧VPCRegion: AWS::Region
            """)],
        passing: [RuleExample("""
            Resources:
              Zone:
                Type: AWS::Route53::HostedZone
                Properties:
                  Name: example.com
                  VPCs:
                    - VPCId: vpc-12345678
                      VPCRegion: !Ref AWS::Region
            """)]
    ) { ctx, out in
        for s in ctx.strings where s.parent == nil && (s.section == "Resources" || s.section == "Outputs") {
            guard LintContext.pseudoParameters.contains(s.text) else { continue }
            if s.section == "Resources", !(s.location.path.count > 2 && s.location.path[2] == .key("Properties")) { continue }
            out.add("'\(s.text)' is a pseudo-parameter and should probably be used as 'Ref: \(s.text)' instead of a plain string", at: s.location)
        }
    }
}

/// Whether a set of condition assumptions implies another condition, following `Fn::And`,
/// `Fn::Or`, `Fn::Not` and `Condition` references between named conditions (a cheap stand-in
/// for cfn-lint's solver; `LintHooks.conditionsSatisfiable` refines it when available).
struct ConditionImplications {
    let template: Template

    init(_ template: Template) { self.template = template }

    func holds(_ target: String, given assumptions: [ConditionAssumption]) -> Bool {
        holds(target, assumptions, depth: 0)
    }

    /// Is condition `target` true whenever all `assumptions` hold?
    private func holds(_ target: String, _ assumptions: [ConditionAssumption], depth: Int) -> Bool {
        if depth > 16 { return false }
        if assumptions.contains(where: { implies($0.name, $0.value, target, depth: 0) }) { return true }
        guard let f = template.condition(target)?.node.intrinsic else { return false }
        return exprHolds(f.name, f.argument, assumptions, depth: depth + 1)
    }

    private func exprHolds(_ name: String, _ argument: Node, _ assumptions: [ConditionAssumption], depth: Int) -> Bool {
        switch name {
        case "Condition":
            guard let n = argument.text else { return false }
            return holds(n, assumptions, depth: depth)
        case "Fn::And":
            let items = argument.sequence ?? []
            return !items.isEmpty && items.allSatisfy { item in
                guard let f = item.intrinsic else { return false }
                return exprHolds(f.name, f.argument, assumptions, depth: depth + 1)
            }
        case "Fn::Or":
            return (argument.sequence ?? []).contains { item in
                guard let f = item.intrinsic else { return false }
                return exprHolds(f.name, f.argument, assumptions, depth: depth + 1)
            }
        case "Fn::Equals":
            let text = FunctionChecks.describe(argument)
            return assumptions.contains { a in
                a.value && template.condition(a.name)?.node.intrinsic.map { $0.name == "Fn::Equals" && FunctionChecks.describe($0.argument) == text } == true
            }
        default:
            return false
        }
    }

    /// Does condition `name` having `value` imply `target` is true?
    private func implies(_ name: String, _ value: Bool, _ target: String, depth: Int) -> Bool {
        if depth > 16 { return false }
        if name == target { return value }
        guard let expr = template.condition(name)?.node else { return false }
        return exprImplies(expr, value, target, depth: depth + 1)
    }

    private func exprImplies(_ expr: Node, _ value: Bool, _ target: String, depth: Int) -> Bool {
        guard let f = expr.intrinsic else { return false }
        switch (f.name, value) {
        case ("Condition", _):
            guard let n = f.argument.text else { return false }
            return implies(n, value, target, depth: depth)
        case ("Fn::And", true):
            return (f.argument.sequence ?? []).contains { exprImplies($0, true, target, depth: depth + 1) }
        case ("Fn::Or", false):
            return (f.argument.sequence ?? []).contains { exprImplies($0, false, target, depth: depth + 1) }
        case ("Fn::Or", true):
            let items = f.argument.sequence ?? []
            return !items.isEmpty && items.allSatisfy { exprImplies($0, true, target, depth: depth + 1) }
        case ("Fn::Not", _):
            guard let inner = f.argument.sequence?.first else { return false }
            return exprImplies(inner, !value, target, depth: depth + 1)
        case ("Fn::Equals", true):
            // Equal expressions: another condition with the very same Fn::Equals.
            guard let t = template.condition(target)?.node.intrinsic, t.name == "Fn::Equals" else { return false }
            return FunctionChecks.describe(t.argument) == FunctionChecks.describe(f.argument)
        default:
            return false
        }
    }
}
