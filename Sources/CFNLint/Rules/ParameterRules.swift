import CFNTemplate
import Foundation

enum ParameterRules {
    static let all: [Rule] = [e2001, e2002, e2010, e2011, e2015, w2001, w2010, w2506]

    static let validTypes: [String] = [
        "String", "Number", "List<Number>", "List<String>", "CommaDelimitedList",
        "AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id", "AWS::EC2::Instance::Id", "AWS::EC2::KeyPair::KeyName",
        "AWS::EC2::SecurityGroup::GroupName", "AWS::EC2::SecurityGroup::Id", "AWS::EC2::Subnet::Id", "AWS::EC2::Volume::Id",
        "AWS::EC2::VPC::Id", "AWS::Route53::HostedZone::Id", "AWS::SSM::Parameter::Name",
    ]
    static let listableTypes: Set<String> = [
        "AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id", "AWS::EC2::Instance::Id", "AWS::EC2::KeyPair::KeyName",
        "AWS::EC2::SecurityGroup::GroupName", "AWS::EC2::SecurityGroup::Id", "AWS::EC2::Subnet::Id", "AWS::EC2::Volume::Id",
        "AWS::EC2::VPC::Id", "AWS::Route53::HostedZone::Id",
    ]

    static func isValidType(_ t: String) -> Bool {
        if validTypes.contains(t) { return true }
        if t.hasPrefix("List<"), t.hasSuffix(">") { return listableTypes.contains(String(t.dropFirst(5).dropLast())) }
        if t.hasPrefix("AWS::SSM::Parameter::Value<"), t.hasSuffix(">") {
            let inner = String(t.dropFirst("AWS::SSM::Parameter::Value<".count).dropLast())
            return inner == "String" || inner == "List<String>" || inner == "CommaDelimitedList" || isValidType(inner)
        }
        return false
    }

    static let e2001 = Rule(
        "E2001", "Parameters have appropriate properties",
        "Checks each parameter: a mapping with a Type and only known attributes of the right kinds.",
        source: Docs.parameters, tags: ["parameters"],
        failing: [RuleExample("""
            Parameters:
              ⟦E2001⟧NoType:
                Default: a
              Env:
                Type: String
                ⟦E2001⟧Defualt: prod
              Size:
                Type: String
                ⟦E2001⟧Default: {Ref: Env}
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Sub ${NoType}${Env}${Size}
            """)],
        passing: [RuleExample("""
            Parameters:
              Env:
                Type: String
                Default: prod
                AllowedValues: [prod, dev]
                Description: The environment
                NoEcho: true
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref Env
            """)]
    ) { ctx, out in
        for p in ctx.template.parameters {
            let base: [PathElement] = [.key("Parameters"), .key(p.name)]
            guard let m = p.node.mapping else {
                out.add("\(FunctionChecks.describe(p.node)) is not of type 'object'", at: p.key.range, path: base)
                continue
            }
            if m["Type"] == nil { out.add("'Type' is a required property", at: p.key.range, path: base) }
            for e in m.entries {
                let path = base + [.key(e.key.name)]
                switch e.key.name {
                case "Type", "Description", "ConstraintDescription", "AllowedPattern":
                    if e.value.scalar == nil || e.value.isNull { out.add("\(FunctionChecks.describe(e.value)) is not of type 'string'", at: e.key.range, path: path) }
                case "Default":
                    if e.value.scalar == nil && e.value.sequence == nil || e.value.mapping != nil {
                        out.add("\(FunctionChecks.describe(e.value)) is not of type 'string'", at: e.key.range, path: path)
                    }
                case "AllowedValues":
                    if e.value.sequence == nil { out.add("\(FunctionChecks.describe(e.value)) is not of type 'array'", at: e.key.range, path: path) }
                case "MinLength", "MaxLength", "MinValue", "MaxValue":
                    if e.value.scalar.map({ Double($0.text) == nil }) ?? true {
                        out.add("\(FunctionChecks.describe(e.value)) is not of type 'integer'", at: e.key.range, path: path)
                    }
                case "NoEcho":
                    if !["true", "false"].contains(e.value.text?.lowercased() ?? "") {
                        out.add("\(FunctionChecks.describe(e.value)) is not of type 'boolean'", at: e.key.range, path: path)
                    }
                case "Metadata" where e.value["cfn-lint"] != nil:
                    break  // cfnkit's per-parameter suppression
                default:
                    out.add("Additional properties are not allowed ('\(e.key.name)' was unexpected)", at: e.key.range, path: path)
                }
            }
        }
    }

    static let e2002 = Rule(
        "E2002", "Parameters have appropriate type",
        "Checks that each parameter's Type is one CloudFormation knows.",
        source: Docs.parameters + "#parameters-section-structure-properties-type", tags: ["parameters"],
        failing: [RuleExample("""
            Parameters:
              Flag:
                Type: ⟦E2002⟧Boolean
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref Flag
            """)],
        passing: [RuleExample("""
            Parameters:
              Subnets:
                Type: List<AWS::EC2::Subnet::Id>
              Ami:
                Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Join [",", !Ref Subnets]
                  TopicName: !Ref Ami
            """)]
    ) { ctx, out in
        for p in ctx.template.parameters {
            guard let t = p.typeNode, let name = t.scalar?.text, !t.isNull else { continue }
            if !isValidType(name) {
                out.add("'\(name)' is not one of \(FunctionChecks.list(validTypes))", at: t.range, path: [.key("Parameters"), .key(p.name), .key("Type")])
            }
        }
    }

    static let e2010 = Rule(
        "E2010", "Parameter limit not exceeded",
        "Checks that the template has at most 200 parameters.",
        source: Docs.limits, tags: ["parameters", "limits"],
        failing: [RuleExample("⟦E2010⟧Parameters:\n" + (1...201).map { "  P\($0):\n    Type: String\n" }.joined()
                              + "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Join [\",\", [" + (1...201).map { "!Ref P\($0)" }.joined(separator: ", ") + "]]\n")],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        if ctx.template.parameters.count > 200, let key = ctx.sectionKey("Parameters") {
            out.add("The number of parameters (\(ctx.template.parameters.count)) exceeds the limit (200)", at: key.range, path: [.key("Parameters")])
        }
    }

    static let e2011 = Rule(
        "E2011", "Parameter name limit not exceeded",
        "Checks that parameter names are at most 255 characters.",
        source: Docs.limits, tags: ["parameters", "limits"],
        failing: [RuleExample("Parameters:\n  ⟦E2011⟧" + String(repeating: "P", count: 256) + ":\n    Type: String\n    Default: a\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Ref " + String(repeating: "P", count: 256) + "\n")],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        for p in ctx.template.parameters where p.name.count > 255 {
            out.add("The length of parameter name (\(p.name.count)) exceeds the limit (255)", at: p.key.range, path: [.key("Parameters"), .key(p.name)])
        }
    }

    static let e2015 = Rule(
        "E2015", "Default value is within parameter constraints",
        "Checks a parameter's Default against its AllowedValues, AllowedPattern, MinLength/MaxLength and MinValue/MaxValue.",
        source: Docs.parameters, tags: ["parameters"],
        failing: [RuleExample("""
            Parameters:
              Pattern:
                Type: String
                AllowedPattern: "[a-z]+"
                ⟦E2015⟧Default: ABC
              Small:
                Type: Number
                MinValue: 5
                ⟦E2015⟧Default: 1
              Choice:
                Type: String
                AllowedValues: [a, b]
                ⟦E2015⟧Default: c
              Short:
                Type: String
                MaxLength: 2
                ⟦E2015⟧Default: abc
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Sub ${Pattern}${Small}${Choice}${Short}
            """)],
        passing: [RuleExample("""
            Parameters:
              Pattern:
                Type: String
                AllowedPattern: "[a-z]+"
                Default: abc
              Choice:
                Type: CommaDelimitedList
                AllowedValues: [a, b]
                Default: a,b
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Sub ${Pattern}
                  TopicName: !Join [",", !Ref Choice]
            """)]
    ) { ctx, out in
        for p in ctx.template.parameters {
            guard let d = p.node.entry("Default"), let text = d.value.text, !d.value.isNull else { continue }
            let path: [PathElement] = [.key("Parameters"), .key(p.name), .key("Default")]
            let type = p.type ?? "String"
            let values = type.hasPrefix("List<") || type == "CommaDelimitedList" ? text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } : [text]
            var problems: [String] = []
            for v in values {
                if let pattern = p.allowedPattern?.text, !fullMatch(pattern, v) { problems.append("Default should be allowed by AllowedPattern") }
                if let min = p.minValue?.text.flatMap(Double.init), let n = Double(v), n < min { problems.append("Default should be equal to or higher than MinValue") }
                if let max = p.maxValue?.text.flatMap(Double.init), let n = Double(v), n > max { problems.append("Default should be less than or equal to MaxValue") }
                if let min = p.minLength?.text.flatMap(Int.init), v.count < min { problems.append("Default should have a length above or equal to MinLength") }
                if let max = p.maxLength?.text.flatMap(Int.init), v.count > max { problems.append("Default should have a length below or equal to MaxLength") }
                if let allowed = p.allowedValues?.sequence, !allowed.contains(where: { $0.text == v || $0.text == text }) { problems.append("Default should be a value within AllowedValues") }
            }
            var seen = Set<String>()
            for m in problems where seen.insert(m).inserted { out.add(m, at: d.key.range, path: path) }
        }
    }

    static func fullMatch(_ pattern: String, _ value: String) -> Bool {
        guard let re = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$") else { return true }
        return re.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
    }

    /// Parameter names a template uses: Ref arguments and Sub variables anywhere.
    static func usedNames(_ ctx: LintContext) -> Set<String> {
        var used = Set<String>()
        for call in ctx.calls {
            switch call.name {
            case "Ref": if let n = call.argument.text { used.insert(n) }
            case "Fn::Sub":
                if let s = call.argument.text ?? call.argument.sequence?.first?.text, let parsed = try? SubString(parsing: s) {
                    for (name, _) in parsed.variables { used.insert(SubString.splitVariable(name).target) }
                }
            case "Fn::ValueOf", "Fn::ValueOfAll", "Fn::RefAll":
                if let n = call.argument.sequence?.first?.text ?? call.argument.text { used.insert(n) }
            default: break
            }
        }
        return used
    }

    static let w2001 = Rule(
        "W2001", "Check if Parameters are Used",
        "Warns about parameters that nothing in the template references (Ref or a Fn::Sub variable).",
        source: Docs.parameters, tags: ["parameters"],
        failing: [RuleExample("""
            Parameters:
              ⟦W2001⟧Unused:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)],
        passing: [RuleExample("""
            Parameters:
              ByRef:
                Type: String
              BySub:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref ByRef
                  TopicName: !Sub ${BySub}-topic
            """),
                  RuleExample("""
            Transform: MyMacro
            Parameters:
              ForTheMacro:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)]
    ) { ctx, out in
        guard !ctx.template.parameters.isEmpty else { return }
        // Macros (Fn::Transform, non-AWS transforms) may use parameters cfnkit cannot see.
        if ctx.calls.contains(where: { $0.name == "Fn::Transform" }) { return }
        if ctx.template.transformNames.contains(where: { !$0.hasPrefix("AWS::") }) { return }
        let used = usedNames(ctx)
        for p in ctx.template.parameters where !used.contains(p.name) {
            out.add("Parameter \(p.name) not used.", at: p.key.range, path: [.key("Parameters"), .key(p.name)])
        }
    }

    static let w2010 = Rule(
        "W2010", "NoEcho parameters are not masked when used in Metadata and Outputs",
        "Warns when a NoEcho parameter is referenced in resource Metadata or in Outputs, where its value is shown in clear.",
        source: Docs.parameters + "#parameters-section-structure-properties-noecho", tags: ["parameters", "security"],
        failing: [RuleExample("""
            Parameters:
              Secret:
                Type: String
                NoEcho: true
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Metadata:
                  Note:
                    ⟦W2010⟧Ref: Secret
            Outputs:
              Leak:
                Value:
                  ⟦W2010⟧Fn::Sub: ${Secret}
            """)],
        passing: [RuleExample("""
            Parameters:
              Secret:
                Type: String
                NoEcho: true
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref Secret
            """)]
    ) { ctx, out in
        let secret = Set(ctx.template.parameters.filter(\.isNoEcho).map(\.name))
        guard !secret.isEmpty else { return }
        for call in ctx.calls where call.inResourceMetadata || call.section == "Outputs" {
            var names: [String] = []
            if call.name == "Ref", let n = call.argument.text { names = [n] }
            if call.name == "Fn::Sub", let s = call.argument.text ?? call.argument.sequence?.first?.text, let parsed = try? SubString(parsing: s) {
                names = parsed.variables.map(\.name)
            }
            for n in names where secret.contains(n) {
                let place = call.section == "Outputs" ? "Outputs" : "resource metadata"
                out.add("Don't use 'NoEcho' parameter '\(n)' in \(place)", at: call.location)
            }
        }
    }

    static let imageIdTypes = ["AWS::EC2::Image::Id", "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"]

    static let w2506 = Rule(
        "W2506", "Check if ImageId Parameters have the correct type",
        "Warns when a parameter used as an ImageId is not of type AWS::EC2::Image::Id (or its SSM form), which lets CloudFormation check it.",
        source: Docs.parameters + "#aws-specific-parameter-types", tags: ["parameters", "ec2"],
        failing: [RuleExample("""
            Parameters:
              Ami:
                ⟦W2506⟧Type: String
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: !Ref Ami
            """)],
        passing: [RuleExample("""
            Parameters:
              Ami:
                Type: AWS::EC2::Image::Id
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: !Ref Ami
            """)]
    ) { ctx, out in
        var reported = Set<String>()
        for call in ctx.calls where call.name == "Ref" && call.inProperties && call.section == "Resources" {
            guard let n = call.argument.text, let p = ctx.template.parameter(n), let type = p.type,
                  call.location.path.dropLast().last == .key("ImageId"), !imageIdTypes.contains(type),
                  let typeEntry = p.node.entry("Type"), reported.insert(n).inserted else { continue }
            out.add("'\(type)' is not one of \(FunctionChecks.list(imageIdTypes))", at: typeEntry.key.range,
                    path: [.key("Parameters"), .key(n), .key("Type")])
        }
    }
}
