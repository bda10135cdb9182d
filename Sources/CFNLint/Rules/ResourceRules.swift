import CFNTemplate

enum ResourceRules {
    static let all: [Rule] = [e3001, e3006, w3006, e3007, e3010, e3011, e2533, w2511]

    static let e3001 = Rule(
        "E3001", "Basic CloudFormation Resource Check",
        "Checks each resource: a mapping with a string Type, only known resource attributes, Properties as a mapping, an alphanumeric logical id.",
        source: Docs.resources, tags: ["resources"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                ⟦E3001⟧Propertes: {}
              ⟦E3001⟧NoType:
                Properties: {}
              ⟦E3001⟧Bad-Name:
                Type: AWS::SNS::Topic
              Queue:
                Type: AWS::SQS::Queue
                ⟦E3001⟧Properties: [a]
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                DeletionPolicy: Retain
                UpdateReplacePolicy: Retain
                Metadata: {a: b}
                Properties:
                  DisplayName: a
            """)]
    ) { ctx, out in
        for r in ctx.template.resources {
            let base: [PathElement] = [.key("Resources"), .key(r.logicalId)]
            if r.logicalId.hasPrefix("Fn::ForEach::") { continue }
            if !isAlphanumeric(r.logicalId) {
                out.add("'\(r.logicalId)' does not match any of the regexes: '^[a-zA-Z0-9]+$'", at: r.key.range, path: base)
            }
            guard let m = r.node.mapping else {
                out.add("\(FunctionChecks.describe(r.node)) is not of type 'object'", at: r.key.range, path: base)
                continue
            }
            if m["Type"] == nil { out.add("'Type' is a required property", at: r.key.range, path: base) }
            let samResource = ctx.template.isServerless && (r.type?.hasPrefix("AWS::Serverless::") ?? false)
            for e in m.entries where !Resource.attributeNames.contains(e.key.name) && !(samResource && e.key.name == "IgnoreGlobals") {
                out.add("Additional properties are not allowed ('\(e.key.name)' was unexpected)", at: e.key.range, path: base + [.key(e.key.name)])
            }
            if r.type?.hasSuffix("::MODULE") == true {
                for name in ["CreationPolicy", "UpdatePolicy"] {
                    if let e = m.entry(name) {
                        out.add("False schema does not allow \(FunctionChecks.describe(e.value))", at: e.key.range, path: base + [.key(name)])
                    }
                }
            }
            if let t = m.entry("Type"), t.value.scalar == nil || t.value.isNull {
                out.add("\(FunctionChecks.describe(t.value)) is not of type 'string'", at: t.key.range, path: base + [.key("Type")])
            }
            if let p = m.entry("Properties"), p.value.mapping == nil {
                out.add("\(FunctionChecks.describe(p.value)) is not of type 'object'", at: p.key.range, path: base + [.key("Properties")])
            }
        }
    }

    static let e3006 = Rule(
        "E3006", "Validate the CloudFormation resource type",
        "Checks that each resource type exists in every linted region (custom, SAM with the transform, and module types are accepted; third-party types and types under a macro transform are W3006 warnings).",
        source: Docs.base + "aws-template-resource-type-ref.html", tags: ["resources"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: ⟦E3006⟧AWS::SNS::Topik
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
              Thing:
                Type: Custom::Thing
                Properties:
                  ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f
            """)]
    ) { ctx, out in
        for r in ctx.template.resources {
            guard let t = r.typeNode, let type = t.scalar?.text, !t.isNull else { continue }
            let path: [PathElement] = [.key("Resources"), .key(r.logicalId), .key("Type")]
            switch ctx.schemas.typeKind(type) {
            case .custom, .module: continue
            case .serverless:
                if !ctx.template.isServerless {
                    out.add("Resource type '\(type)' requires the transform 'AWS::Serverless-2016-10-31'", at: t.range, path: path)
                }
            case .thirdPartyOrUnknown:
                guard !unknownTypeMayBeValid(type, in: ctx.template) else { continue }  // W3006
                let hint = ctx.schemas.suggestions(for: type, limit: 1).first.map { " (did you mean '\($0)'?)" } ?? ""
                out.add("Resource type '\(type)' does not exist in '\(ctx.regions[0])'\(hint)", at: t.range, path: path)
            case .aws:
                let missing = ctx.regions.filter { !ctx.schemas.isAvailable(type, in: $0) }
                for region in missing {
                    out.add("Resource type '\(type)' does not exist in '\(region)'", at: t.range, path: path)
                }
            }
        }
    }

    /// Whether a type the bundled schemas do not know may still deploy: a third-party or private
    /// registry type (its namespace is not AWS's; it may be registered in the account), or any type
    /// when a macro transform rewrites the template first. An unknown `AWS::` type otherwise fails
    /// with CloudFormation's "Unrecognized resource types", so E3006 reports it as an error.
    static func unknownTypeMayBeValid(_ type: String, in template: Template) -> Bool {
        let awsNamespace = type.hasPrefix("AWS::") || type.hasPrefix("Alexa::")
        let macros = template.transformNames.filter { !$0.hasPrefix("AWS::Serverless") && $0 != "AWS::LanguageExtensions" }
        return !awsNamespace || !macros.isEmpty
    }

    // cfn-lint reports these as E3006 errors; cfnkit warns (a deliberate difference, see docs/RULES.md):
    // offline it cannot see the account's registry or what a macro will produce.
    static let w3006 = Rule(
        "W3006", "Resource type is not in the bundled schemas but may be registered",
        "Warns about third-party or private registry types (a namespace other than AWS::), and about unknown types in templates a macro transforms: the account's registry or the macro may provide them. cfn-lint reports these as E3006.",
        source: Docs.base + "registry.html", tags: ["resources"],
        failing: [RuleExample("""
            Resources:
              Report:
                Type: ⟦W3006⟧Initech::TPS::Report
            """), RuleExample("""
            Transform: S3Objects
            Resources:
              Object:
                Type: ⟦W3006⟧AWS::S3::Object
                Properties: {Target: {Bucket: b, Key: k}}
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topik
              Thing:
                Type: Custom::Thing
                Properties:
                  ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f
            """)]
    ) { ctx, out in
        for r in ctx.template.resources {
            guard let t = r.typeNode, let type = t.scalar?.text, !t.isNull,
                  ctx.schemas.typeKind(type) == .thirdPartyOrUnknown, unknownTypeMayBeValid(type, in: ctx.template) else { continue }
            out.add("Resource type '\(type)' is not in the bundled schemas; it must be registered in the account (or produced by a macro) before it deploys",
                    at: t.range, path: [.key("Resources"), .key(r.logicalId), .key("Type")])
        }
    }

    static let e3010 = Rule(
        "E3010", "Resource limit not exceeded",
        "Checks that the template has at most 500 resources.",
        source: Docs.limits, tags: ["resources", "limits"],
        failing: [RuleExample("⟦E3010⟧Resources:\n" + (1...501).map { "  T\($0):\n    Type: AWS::SNS::Topic\n" }.joined())],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        if ctx.template.resources.count > 500, let key = ctx.sectionKey("Resources") {
            out.add("The number of resources (\(ctx.template.resources.count)) exceeds the limit (500)", at: key.range, path: [.key("Resources")])
        }
    }

    static let e3011 = Rule(
        "E3011", "Resource name limit not exceeded",
        "Checks that resource logical ids are at most 255 characters.",
        source: Docs.limits, tags: ["resources", "limits"],
        failing: [RuleExample("Resources:\n  ⟦E3011⟧" + String(repeating: "R", count: 256) + ":\n    Type: AWS::SNS::Topic\n")],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        for r in ctx.template.resources where r.logicalId.count > 255 {
            out.add("The length of resource name (\(r.logicalId.count)) exceeds the limit (255)", at: r.key.range, path: [.key("Resources"), .key(r.logicalId)])
        }
    }

    /// Lambda runtimes past their deprecation: (deprecated, creation blocked, update blocked, successor).
    static let runtimes: [String: (deprecated: String, create: String, update: String, successor: String)] = [
        "nodejs": ("2016-08-30", "2016-09-30", "2016-10-31", "nodejs24.x"),
        "nodejs4.3": ("2020-03-05", "2020-02-03", "2020-03-05", "nodejs24.x"),
        "nodejs6.10": ("2019-08-12", "2019-07-12", "2019-08-12", "nodejs24.x"),
        "nodejs16.x": ("2024-06-12", "2026-06-01", "2026-07-01", "nodejs24.x"),
        "nodejs18.x": ("2025-09-01", "2026-06-01", "2026-07-01", "nodejs24.x"),
        "nodejs20.x": ("2026-04-30", "2026-06-01", "2026-07-01", "nodejs24.x"),
        "java8": ("2024-01-08", "2024-02-08", "2026-07-01", "java25"),
        "python3.6": ("2022-07-18", "2022-07-18", "2022-08-29", "python3.14"),
        "python3.8": ("2024-10-14", "2026-06-01", "2026-07-01", "python3.14"),
        "python3.9": ("2025-12-15", "2026-06-01", "2026-07-01", "python3.14"),
        "python3.10": ("2026-06-30", "2026-07-31", "2026-08-31", "python3.14"),
        "python3.11": ("2026-06-30", "2026-07-31", "2026-08-31", "python3.14"),
        "provided.al2": ("2026-06-30", "2026-07-31", "2026-08-31", "provided.al2023"),
    ]

    static let e2533 = Rule(
        "E2533", "Check if Lambda Function Runtimes are updatable",
        "Reports Lambda runtimes that can no longer be used to create or update a function (as of the day of the run).",
        source: Docs.lambdaRuntimes, tags: ["resources", "lambda", "runtime"],
        failing: [RuleExample("""
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/r
                  Code: {ZipFile: "x"}
                  ⟦E2533⟧Runtime: python3.6
            """)],
        passing: [RuleExample("""
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/r
                  Code: {ZipFile: "x"}
                  Runtime: python3.13
            """)]
    ) { ctx, out in
        let globalRuntime = ctx.template.isServerless ? ctx.template.root["Globals"]?["Function"]?["Runtime"] : nil
        for r in ctx.template.resources where r.type == "AWS::Lambda::Function" || r.type == "AWS::Serverless::Function" {
            let sam = r.type == "AWS::Serverless::Function"
            let ignored = r.node["IgnoreGlobals"].map { $0.text == "*" || ($0.sequence ?? []).contains { $0.text == "Runtime" || $0.text == "*" } } ?? false
            guard let node = r.properties?["Runtime"] ?? (sam && !ignored ? globalRuntime : nil),
                  let name = node.scalar?.text, let info = runtimes[name] else { continue }
            guard info.update < ctx.today else { continue }
            // SAM functions are reported where cfn-lint maps the transformed function: the logical id.
            let at = sam ? r.key.range : (r.properties?.entry("Runtime")?.key.range ?? r.key.range)
            out.add("Runtime '\(name)' was deprecated on '\(info.deprecated)'. Creation was disabled on '\(info.create)' and update on '\(info.update)'. Please consider updating to '\(info.successor)'",
                    at: at, path: [.key("Resources"), .key(r.logicalId), .key("Properties"), .key("Runtime")])
        }
    }

    static let w2511 = Rule(
        "W2511", "Check IAM Resource Policies syntax",
        "Warns about IAM policy documents with the old Version 2008-10-17.",
        source: Docs.iamVersion, tags: ["resources", "iam"],
        failing: [RuleExample("""
            Resources:
              Policy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: b
                  PolicyDocument:
                    ⟦W2511⟧Version: "2008-10-17"
                    Statement: []
            """)],
        passing: [RuleExample("""
            Resources:
              Policy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: b
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement: []
            """)]
    ) { ctx, out in
        for r in ctx.template.resources {
            guard let props = r.properties else { continue }
            var path: [PathElement] = [.key("Resources"), .key(r.logicalId), .key("Properties")]
            func visit(_ node: Node) {
                switch node.value {
                case .mapping(let m):
                    if let v = m.entry("Version"), v.value.text == "2008-10-17", m["Statement"] != nil {
                        out.add("IAM Policy Version should be updated to '2012-10-17'", at: v.key.range, path: path + [.key("Version")])
                    }
                    for e in m.entries {
                        path.append(.key(e.key.name)); visit(e.value); path.removeLast()
                    }
                case .sequence(let items):
                    for (i, item) in items.enumerated() { path.append(.index(i)); visit(item); path.removeLast() }
                case .scalar: break
                }
            }
            visit(props)
        }
    }
}

enum OutputRules {
    static let all: [Rule] = [e6001, e6010, e6011, e6101]

    static let e6001 = Rule(
        "E6001", "Check the properties of Outputs",
        "Checks each output: a mapping with a Value, only known attributes, an alphanumeric name, and an Export with a Name.",
        source: Docs.outputs, tags: ["outputs"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              ⟦E6001⟧NoValue:
                Description: nothing
              ⟦E6001⟧Bad-Name:
                Value: a
              Extra:
                Value: a
                ⟦E6001⟧Exports: {Name: a}
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              Arn:
                Value: !Ref Topic
                Export:
                  Name: !Sub ${AWS::StackName}-Arn
            """)]
    ) { ctx, out in
        for o in ctx.template.outputs {
            let base: [PathElement] = [.key("Outputs"), .key(o.name)]
            if o.name.hasPrefix("Fn::ForEach::") && ctx.template.usesLanguageExtensions { continue }
            if !isAlphanumeric(o.name) {
                out.add("'\(o.name)' does not match any of the regexes: '^[a-zA-Z0-9]+$'", at: o.key.range, path: base)
            }
            if o.name.hasPrefix("Fn::ForEach::") { continue }
            guard let m = o.node.mapping else {
                out.add("\(FunctionChecks.describe(o.node)) is not of type 'object'", at: o.key.range, path: base)
                continue
            }
            if m["Value"] == nil { out.add("'Value' is a required property", at: o.key.range, path: base) }
            for e in m.entries where !Output.attributeNames.contains(e.key.name) && !(e.key.name == "Metadata" && e.value["cfn-lint"] != nil) {
                out.add("Additional properties are not allowed ('\(e.key.name)' was unexpected)", at: e.key.range, path: base + [.key(e.key.name)])
            }
            if let ex = m.entry("Export") {
                if ex.value.mapping == nil {
                    out.add("\(FunctionChecks.describe(ex.value)) is not of type 'object'", at: ex.key.range, path: base + [.key("Export")])
                } else if ex.value["Name"] == nil {
                    out.add("'Name' is a required property", at: ex.key.range, path: base + [.key("Export")])
                }
            }
        }
    }

    static let e6010 = Rule(
        "E6010", "Output limit not exceeded",
        "Checks that the template has at most 200 outputs.",
        source: Docs.limits, tags: ["outputs", "limits"],
        failing: [RuleExample(FunctionRules.topic + "⟦E6010⟧Outputs:\n" + (1...201).map { "  O\($0):\n    Value: a\n" }.joined())],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        if ctx.template.outputs.count > 200, let key = ctx.sectionKey("Outputs") {
            out.add("The number of outputs (\(ctx.template.outputs.count)) exceeds the limit (200)", at: key.range, path: [.key("Outputs")])
        }
    }

    static let e6011 = Rule(
        "E6011", "Output name limit not exceeded",
        "Checks that output names are at most 255 characters.",
        source: Docs.limits, tags: ["outputs", "limits"],
        failing: [RuleExample(FunctionRules.topic + "Outputs:\n  ⟦E6011⟧" + String(repeating: "O", count: 256) + ":\n    Value: a\n")],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        for o in ctx.template.outputs where o.name.count > 255 {
            out.add("The length of output name (\(o.name.count)) exceeds the limit (255)", at: o.key.range, path: [.key("Outputs"), .key(o.name)])
        }
    }

    static let e6101 = Rule(
        "E6101", "Validate that outputs values are a string",
        "Checks output values: a string or a function returning one, with valid function arguments (problems in an output's functions are reported here).",
        source: Docs.outputs, tags: ["outputs"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              Name:
                Value:
                  ⟦E6101⟧Fn::Sub: ${Missing.Name}
              List:
                ⟦E6101⟧Value: [a, b]
            """)],
        passing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              Name:
                Value: !GetAtt Topic.TopicName
              Joined:
                Value: !Join [",", [a, b]]
            """)]
    ) { ctx, out in
        for o in ctx.template.outputs {
            guard let v = o.node.entry("Value") else { continue }
            if v.value.sequence != nil || (v.value.mapping != nil && v.value.intrinsic == nil) {
                out.add("\(FunctionChecks.describe(v.value)) is not of type 'string'", at: v.key.range, path: [.key("Outputs"), .key(o.name), .key("Value")])
            }
        }
        for p in ctx.functionProblems where p.ruleId == "E6101" { out.add(p.message, at: p.location) }
    }
}
