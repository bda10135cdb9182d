import CFNTemplate

enum TemplateRules {
    static let all: [Rule] = [e0000, e1001, e1002, e1003, e1005]

    static let e0000 = Rule(
        "E0000", "Parsing error found when parsing the template",
        "Reports templates that cannot be read: YAML or JSON syntax, duplicate keys, unknown tags, encoding.",
        source: Docs.cfnLint, tags: ["base"],
        failing: [RuleExample("""
            Resources:
              ⟦E0000⟧Topic:
                Type: AWS::SNS::Topic
              ⟦E0000⟧Topic:
                Type: AWS::SQS::Queue
            """),
                  RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties: {TopicName: ⟦E0000⟧]
            """)],
        passing: [RuleExample("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n")]
    ) { _, _ in
        // Produced by the engine from the loader's error.
    }

    static let e1001 = Rule(
        "E1001", "Basic CloudFormation Template Configuration",
        "Checks the top-level structure: known sections only, a Resources section, sections of the right type, a valid AWSTemplateFormatVersion.",
        source: Docs.anatomy, tags: ["base"],
        failing: [RuleExample("""
            AWSTemplateFormatVersion: ⟦E1001⟧"2010-09-10"
            ⟦E1001⟧Resource:
              Topic:
                Type: AWS::SNS::Topic
            ⟦E1001⟧Outputs: []
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """),
                  RuleExample("⟦E1001⟧Description: no resources\n")],
        passing: [RuleExample("""
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Timeout: 3
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)]
    ) { ctx, out in
        let t = ctx.template
        guard let top = t.root.mapping else { return }
        if top["Resources"] == nil {
            out.add("'Resources' is a required property", at: t.root.range, path: [])
        }
        for e in top.entries {
            let name = e.key.name
            if !Template.sectionNames.contains(name) && !(name == "Globals" && t.isServerless) {
                out.add("Additional properties are not allowed ('\(name)' was unexpected)", at: e.key.range, path: [.key(name)])
                continue
            }
            switch name {
            case "Parameters", "Mappings", "Conditions", "Resources", "Outputs", "Metadata", "Rules", "Hooks", "Globals":
                if e.value.mapping == nil {
                    out.add("\(FunctionChecks.describe(e.value)) is not of type 'object'", at: e.key.range, path: [.key(name)])
                }
            case "AWSTemplateFormatVersion":
                if e.value.text != "2010-09-09" || e.value.isNull {
                    out.add("\(FunctionChecks.describe(e.value)) is not one of ['2010-09-09']", at: e.value.range, path: [.key(name)])
                }
            case "Description":
                if e.value.scalar == nil || e.value.isNull {
                    out.add("\(FunctionChecks.describe(e.value)) is not of type 'string'", at: e.key.range, path: [.key(name)])
                }
            default: break
            }
        }
    }

    static let templateBodyLimit = 1_000_000

    static let e1002 = Rule(
        "E1002", "Template size limit",
        "Checks that the template body is no larger than CloudFormation accepts (1,000,000 bytes; 51,200 bytes when passed inline).",
        source: Docs.limits, tags: ["limits"],
        failing: [RuleExample("⟦E1002⟧Metadata:\n  Blob: \"" + String(repeating: "x", count: 1_000_000) + "\"\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n")],
        passing: [RuleExample("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n")]
    ) { ctx, out in
        if ctx.template.byteCount > templateBodyLimit {
            out.add("The template file size (\(ctx.template.byteCount) bytes) exceeds the limit (\(templateBodyLimit) bytes)",
                    at: SourceRange(file: ctx.template.file, start: .init(line: 1, column: 1), end: .init(line: 1, column: 1)), path: [])
        }
    }

    static let e1003 = Rule(
        "E1003", "Validate the max size of a description",
        "Checks that the template Description is at most 1,024 characters.",
        source: Docs.limits, tags: ["limits"],
        failing: [RuleExample("Description: ⟦E1003⟧" + String(repeating: "d", count: 1025) + "\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n")],
        passing: [RuleExample("Description: short\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n")]
    ) { ctx, out in
        if let d = ctx.template.description, let text = d.scalar?.text, text.count > 1024 {
            out.add("'\(text.prefix(20))...' is longer than 1024", at: d.range, path: [.key("Description")])
        }
    }

    static let e1005 = Rule(
        "E1005", "Validate Transform configuration",
        "Checks that Transform is a name, a list of names, or a mapping with Name and optional Parameters.",
        source: Docs.transform, tags: ["transform"],
        failing: [RuleExample("""
            ⟦E1005⟧Transform:
              ⟦E1005⟧key: value
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)],
        passing: [RuleExample("""
            Transform:
              - AWS::LanguageExtensions
              - Name: AWS::Include
                Parameters:
                  Location: s3://bucket/file.yaml
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)]
    ) { ctx, out in
        guard let entry = ctx.template.root.entry("Transform") else { return }
        func check(_ node: Node, _ path: [PathElement], _ key: SourceRange) {
            switch node.value {
            case .scalar(let s):
                if s.resolved.kind == .null { out.add("None is not of type 'string', 'array', 'object'", at: key, path: path) }
            case .sequence(let items):
                if path.count > 1 { out.add("\(FunctionChecks.describe(node)) is not of type 'string', 'object'", at: key, path: path); return }
                for (i, item) in items.enumerated() { check(item, path + [.index(i)], item.range) }
            case .mapping(let m):
                if m["Name"] == nil { out.add("'Name' is a required property", at: key, path: path) }
                for e in m.entries where e.key.name != "Name" && e.key.name != "Parameters" {
                    out.add("Additional properties are not allowed ('\(e.key.name)' was unexpected)", at: e.key.range, path: path + [.key(e.key.name)])
                }
                if let n = m["Name"], n.scalar == nil { out.add("\(FunctionChecks.describe(n)) is not of type 'string'", at: n.range, path: path + [.key("Name")]) }
                if let p = m["Parameters"], p.mapping == nil { out.add("\(FunctionChecks.describe(p)) is not of type 'object'", at: p.range, path: path + [.key("Parameters")]) }
            }
        }
        check(entry.value, [.key("Transform")], entry.key.range)
    }
}
