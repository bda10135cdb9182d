import CFNTemplate

enum MappingRules {
    static let all: [Rule] = [e7001, e7010, e7011, w7001]

    static let e7001 = Rule(
        "E7001", "Mappings are appropriately configured",
        "Checks each mapping: an alphanumeric name and a mapping of keys to mappings of values (strings or lists).",
        source: Docs.mappings, tags: ["mappings"],
        failing: [RuleExample("""
            Mappings:
              ⟦E7001⟧Bad.Name:
                Key:
                  Value: a
              Flat:
                ⟦E7001⟧Key: a
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !FindInMap [Bad.Name, Key, Value]
                  TopicName: !FindInMap [Flat, Key, Value]
            """)],
        passing: [RuleExample("""
            Mappings:
              Regions:
                us-east-1:
                  Ami: ami-12345678
                  Zones: [a, b]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !FindInMap [Regions, !Ref AWS::Region, Ami]
            """)]
    ) { ctx, out in
        for m in ctx.template.mappings {
            let base: [PathElement] = [.key("Mappings"), .key(m.name)]
            if !isAlphanumeric(m.name) {
                out.add("'\(m.name)' does not match any of the regexes: '^[a-zA-Z0-9]+$'", at: m.key.range, path: base)
            }
            guard let top = m.node.mapping else {
                out.add("\(FunctionChecks.describe(m.node)) is not of type 'object'", at: m.key.range, path: base)
                continue
            }
            for e in top.entries {
                if e.key.name == "Metadata", e.value["cfn-lint"] != nil { continue }
                guard let second = e.value.mapping else {
                    out.add("\(FunctionChecks.describe(e.value)) is not of type 'object'", at: e.key.range, path: base + [.key(e.key.name)])
                    continue
                }
                for v in second.entries where v.value.mapping != nil {
                    out.add("\(FunctionChecks.describe(v.value)) is not of type 'string', 'array'", at: v.key.range,
                            path: base + [.key(e.key.name), .key(v.key.name)])
                }
            }
        }
    }

    static let e7010 = Rule(
        "E7010", "Mapping limit not exceeded",
        "Checks that the template has at most 200 mappings.",
        source: Docs.limits, tags: ["mappings", "limits"],
        failing: [RuleExample("⟦E7010⟧Mappings:\n" + (1...201).map { "  M\($0):\n    K:\n      V: a\n" }.joined() + FunctionRules.topic)],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        if ctx.template.mappings.count > 200, let key = ctx.sectionKey("Mappings") {
            out.add("The number of mappings (\(ctx.template.mappings.count)) exceeds the limit (200)", at: key.range, path: [.key("Mappings")])
        }
    }

    static let e7011 = Rule(
        "E7011", "Mapping name limit not exceeded",
        "Checks that mapping names are at most 255 characters.",
        source: Docs.limits, tags: ["mappings", "limits"],
        failing: [RuleExample("Mappings:\n  ⟦E7011⟧" + String(repeating: "M", count: 256) + ":\n    K:\n      V: a\n" + FunctionRules.topic)],
        passing: [RuleExample(FunctionRules.topic)]
    ) { ctx, out in
        for m in ctx.template.mappings where m.name.count > 255 {
            out.add("The length of mapping name (\(m.name.count)) exceeds the limit (255)", at: m.key.range, path: [.key("Mappings"), .key(m.name)])
        }
    }

    static let w7001 = Rule(
        "W7001", "Check if Mappings are Used",
        "Warns about mappings no Fn::FindInMap uses (a FindInMap with a computed mapping name counts as using every mapping).",
        source: Docs.mappings, tags: ["mappings"],
        failing: [RuleExample("""
            Mappings:
              ⟦W7001⟧Unused:
                Key:
                  Value: a
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)],
        passing: [RuleExample("""
            Mappings:
              Used:
                Key:
                  Value: a
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !FindInMap [Used, Key, Value]
            """)]
    ) { ctx, out in
        guard !ctx.template.mappings.isEmpty else { return }
        var used = Set<String>()
        for call in ctx.calls where call.name == "Fn::FindInMap" {
            guard let first = call.argument.sequence?.first else { continue }
            guard let name = first.scalar?.text else { return }  // computed name: any mapping may be used
            used.insert(name)
        }
        for m in ctx.template.mappings where !used.contains(m.name) {
            out.add("Mapping '\(m.name)' is defined but not used", at: m.key.range, path: [.key("Mappings"), .key(m.name)])
        }
    }
}

enum ConditionRules {
    static let e3015 = Rule(
        "E3015", "Validate the resource condition is valid",
        "Checks that a resource's Condition names a condition of the template.",
        source: Docs.resources, tags: ["resources", "conditions"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                ⟦E3015⟧Condition: Missing
            """)],
        passing: [RuleExample("""
            Conditions:
              IsUsEast1: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsUsEast1
            """)]
    ) { ctx, out in
        let t = ctx.template
        for r in t.resources {
            if let c = r.node.entry("Condition"), let name = c.value.scalar?.text, t.condition(name) == nil {
                out.add("'\(name)' is not one of \(FunctionChecks.list(t.conditions.map(\.name)))", at: c.key.range,
                        path: [.key("Resources"), .key(r.logicalId), .key("Condition")])
            }
        }
    }

    static let all: [Rule] = [e3015, e8001, e8002, e8003, e8004, e8005, e8006, w8001, w8003]

    static let conditionFunctions: Set<String> = ["Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition"]

    /// A boolean as cfn-lint reads one: YAML 1.1 `true`/`yes`/`on` (plain) or a "true"/"false" string.
    static func isBooleanLiteral(_ node: Node) -> Bool {
        guard let s = node.scalar else { return false }
        if s.resolved.kind == .boolean { return true }
        if ["true", "false", "True", "False"].contains(s.text) { return true }
        return !s.style.isQuoted && ["yes", "no", "on", "off"].contains(s.text.lowercased())
            && [s.text.lowercased(), s.text.capitalized, s.text.uppercased()].contains(s.text)
    }

    static let e8001 = Rule(
        "E8001", "Conditions have appropriate properties",
        "Checks the Conditions section: a mapping of names to a single condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition).",
        source: Docs.conditions, tags: ["conditions"],
        failing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              ⟦E8001⟧IsProd: abc
              ⟦E8001⟧IsDev:
                Fn::Equals: [!Ref Env, dev]
                Extra: 1
              ⟦E8001⟧IsTest: {}
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsDev
                Properties:
                  DisplayName: !If [IsProd, a, !If [IsTest, b, c]]
            """)],
        passing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              NotProd: !Not [!Condition IsProd]
              Always: true
              Quoted: "False"
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: NotProd
                Properties:
                  DisplayName: !If [IsProd, a, !If [Always, b, !If [Quoted, c, d]]]
            """)]
    ) { ctx, out in
        if let section = ctx.template.root.entry("Conditions"), section.value.mapping == nil {
            out.add("\(FunctionChecks.describe(section.value)) is not of type 'object'", at: section.key.range, path: [.key("Conditions")])
            return
        }
        for c in ctx.template.conditions {
            if c.name.hasPrefix("Fn::ForEach::") { continue }
            let path: [PathElement] = [.key("Conditions"), .key(c.name)]
            // cfn-lint's conditions schema: a condition function, or a boolean literal.
            if isBooleanLiteral(c.node) { continue }
            guard let m = c.node.mapping, m.count == 1, conditionFunctions.contains(m.entries[0].key.name) else {
                out.add("\(FunctionChecks.describe(c.node)) is not of type 'boolean'", at: c.key.range, path: path)
                continue
            }
        }
    }

    static let e8002 = Rule(
        "E8002", "Check if the referenced Conditions are defined",
        "Checks that conditions named by outputs and Condition functions exist.",
        source: Docs.conditions, tags: ["conditions"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              Arn:
                Condition: ⟦E8002⟧AlsoMissing
                Value: !Ref Topic
            """)],
        passing: [RuleExample("""
            Conditions:
              IsUsEast1: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsUsEast1
            """)]
    ) { ctx, out in
        let t = ctx.template
        for o in t.outputs {
            if let c = o.conditionNode, let name = c.scalar?.text, t.condition(name) == nil {
                out.add("'\(name)' is not one of \(FunctionChecks.list(t.conditions.map(\.name)))", at: c.range,
                        path: [.key("Outputs"), .key(o.name), .key("Condition")])
            }
        }
        for p in ctx.functionProblems where p.ruleId == "E8002" { out.add(p.message, at: p.location) }
    }

    static func structure(_ id: String, _ fn: String, _ short: String, _ count: String,
                          failing: @autoclosure @escaping @Sendable () -> String,
                          passing: @autoclosure @escaping @Sendable () -> String) -> Rule {
        Rule.function(id, short, "Checks that \(fn) has \(count).", source: Docs.fn("conditions"),
                      failing: [RuleExample(failing())], passing: [RuleExample(passing())])
    }

    static let e8003 = structure("E8003", "Fn::Equals", "Check Fn::Equals structure for validity", "a list of two values", failing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsProd:
            ⟦E8003⟧Fn::Equals: [!Ref Env]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: IsProd
        """, passing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: IsProd
        """)

    static let e8004 = structure("E8004", "Fn::And", "Check Fn::And structure for validity", "a list of 2 to 10 conditions", failing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          Both:
            ⟦E8004⟧Fn::And: [!Condition IsProd]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: Both
        """, passing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          IsEast: !Equals [!Ref "AWS::Region", us-east-1]
          Both: !And [!Condition IsProd, !Condition IsEast]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: Both
        """)

    static let e8005 = structure("E8005", "Fn::Not", "Check Fn::Not structure for validity", "a list of one condition", failing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          NotProd:
            ⟦E8005⟧Fn::Not: [!Condition IsProd, !Condition IsProd]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: NotProd
        """, passing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          NotProd: !Not [!Condition IsProd]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: NotProd
        """)

    static let e8006 = structure("E8006", "Fn::Or", "Check Fn::Or structure for validity", "a list of 2 to 10 conditions", failing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          IsA: !Equals [!Ref Env, a]
          Either:
            ⟦E8006⟧Fn::Or: {Condition: IsA}
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: Either
        """, passing: """
        Parameters:
          Env:
            Type: String
        Conditions:
          Either: !Or [!Equals [!Ref Env, a], !Equals [!Ref Env, b]]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Condition: Either
        """)

    static let w8001 = Rule(
        "W8001", "Check if Conditions are Used",
        "Warns about conditions that no resource, output, Fn::If or other condition uses.",
        source: Docs.conditions, tags: ["conditions"],
        failing: [RuleExample("""
            Conditions:
              ⟦W8001⟧IsEast: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)],
        passing: [RuleExample("""
            Conditions:
              IsEast: !Equals [!Ref "AWS::Region", us-east-1]
              NotEast: !Not [!Condition IsEast]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: NotEast
            """)]
    ) { ctx, out in
        let t = ctx.template
        guard !t.conditions.isEmpty else { return }
        var used = Set<String>()
        for r in t.resources { if let c = r.condition { used.insert(c.name) } }
        for o in t.outputs { if let c = o.condition { used.insert(c.name) } }
        for call in ctx.calls {
            if call.name == "Fn::If", let c = call.argument.sequence?.first?.text { used.insert(c) }
            if call.name == "Condition", let c = call.argument.text { used.insert(c) }
        }
        // SAM Globals and nested places such as a resource's UpdatePolicy may name conditions as plain strings.
        if let globals = t.root["Globals"] { collectConditionKeys(globals, into: &used) }
        for c in t.conditions where !used.contains(c.name) {
            out.add("Condition \(c.name) not used", at: c.key.range, path: [.key("Conditions"), .key(c.name)])
        }
    }

    static func collectConditionKeys(_ node: Node, into used: inout Set<String>) {
        switch node.value {
        case .mapping(let m):
            for e in m.entries {
                if e.key.name == "Condition", let n = e.value.text { used.insert(n) }
                collectConditionKeys(e.value, into: &used)
            }
        case .sequence(let items): for i in items { collectConditionKeys(i, into: &used) }
        case .scalar: break
        }
    }

    static let w8003 = Rule(
        "W8003", "Fn::Equals will always return true or false",
        "Warns about Fn::Equals comparing two literal values or the same value twice.",
        source: Docs.fn("conditions") + "#intrinsic-function-reference-conditions-equals", tags: ["conditions"],
        failing: [RuleExample("""
            Parameters:
              Env:
                Type: String
            Conditions:
              ⟦W8003⟧Always: !Equals [a, a]
              ⟦W8003⟧Never: !Equals ["true", "false"]
              ⟦W8003⟧Same: !Equals [!Ref Env, !Ref Env]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !If [Always, !If [Never, a, b], !If [Same, c, d]]
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
                Condition: IsProd
            """)]
    ) { ctx, out in
        for call in ctx.calls where call.name == "Fn::Equals" && call.section == "Conditions" {
            guard let items = call.argument.sequence, items.count == 2, let owner = call.owner,
                  ctx.template.condition(owner) != nil else { continue }
            let a = items[0], b = items[1]
            let desc = "[\(FunctionChecks.describe(a)), \(FunctionChecks.describe(b))]"
            if let x = a.scalar?.text, let y = b.scalar?.text {
                out.add(x == y ? "\(desc) will always return True or False" : "\(desc) will always return False",
                        at: call.location.range, path: call.location.path)
            } else if a.intrinsic != nil, FunctionChecks.describe(a) == FunctionChecks.describe(b) {
                out.add("\(desc) will always return True or False", at: call.location.range, path: call.location.path)
            }
        }
    }
}

enum MetadataRules {
    static let w4005 = Rule(
        "W4005", "Validate cfnlint configuration in the Metadata",
        "Checks the template's Metadata: cfn-lint: config: section (known keys of the right kinds).",
        source: Docs.cfnLint + "#metadata", tags: ["metadata"],
        failing: [RuleExample("""
            Metadata:
              cfn-lint:
                config:
                  ignore_checks: ⟦W4005⟧E3012
                  ⟦W4005⟧bad_checks: [E1]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)],
        passing: [RuleExample("""
            Metadata:
              cfn-lint:
                config:
                  ignore_checks: [E3012]
                  regions: [us-east-1]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)]
    ) { _, _ in
        // Reported by the engine while reading the template's configuration.
    }
}
