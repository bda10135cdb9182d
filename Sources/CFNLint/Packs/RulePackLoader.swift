import CFNTemplate
import Foundation

/// A rule file that cannot be used, with where the problem is. Rule files are read before any
/// template is linted, and one bad file stops the run (exit status 1).
public struct RulePackError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var position: SourcePosition
    public var message: String

    public init(file: String, position: SourcePosition, _ message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    public var description: String { "\(file):\(position.line):\(position.column): error: \(message)" }
}

/// A named set of rules read from one file.
public struct RulePack: Sendable {
    public var name: String
    public var description: String
    public var file: String
    public var rules: [PackRule]
}

/// Reads rule-pack files (YAML or JSON). See docs/RULE-PACKS.md for the language.
public enum RulePackLoader {
    static let loader = TemplateLoader(limits: LoaderLimits(maxBytes: 8 << 20, unknownTags: .longForm))

    static let packKeys: Set<String> = ["pack", "description", "rules"]
    static let ruleKeys: Set<String> = [
        "id", "severity", "title", "description", "source", "fix", "message", "resource-types", "target",
        "for-each", "when", "assert", "unknown", "examples",
    ]
    static let valueOperators: Set<String> = [
        "equals", "not-equals", "in", "not-in", "matches", "gt", "gte", "lt", "lte", ">", ">=", "<", "<=",
        "contains", "is-dynamic-reference", "is-ref-to-parameter", "length",
    ]
    public static let dynamicReferenceKinds: Set<String> = ["ssm", "ssm-secure", "secretsmanager"]

    /// Every `*.yaml`, `*.yml` and `*.json` file of a folder (not recursive), in name order.
    public static func loadDirectory(_ path: String) throws(RulePackError) -> [RulePack] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw RulePackError(file: path, position: SourcePosition(line: 1, column: 1), "no such rules folder")
        }
        guard isDir.boolValue else { return [try loadFile(path)] }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        var packs: [RulePack] = []
        for n in names where n.hasSuffix(".yaml") || n.hasSuffix(".yml") || n.hasSuffix(".json") {
            packs.append(try loadFile((path as NSString).appendingPathComponent(n)))
        }
        return packs
    }

    public static func loadFile(_ path: String) throws(RulePackError) -> RulePack {
        let bytes: [UInt8]
        do { bytes = try FileReader.read(path: path, maxBytes: loader.limits.maxBytes) } catch {
            throw RulePackError(file: path, position: SourcePosition(line: 1, column: 1), error.message)
        }
        return try load(bytes: bytes, path: path)
    }

    public static func load(source: String, path: String) throws(RulePackError) -> RulePack {
        try load(bytes: Array(source.utf8), path: path)
    }

    public static func load(bytes: [UInt8], path: String) throws(RulePackError) -> RulePack {
        let doc: LoadedDocument
        do { doc = try loader.load(bytes: bytes, path: path) } catch {
            throw RulePackError(file: path, position: error.position, error.message)
        }
        var reader = Reader(file: path)
        return try reader.pack(doc.root, defaultName: ((path as NSString).lastPathComponent as NSString).deletingPathExtension)
    }

    /// Reads one file's nodes, throwing at the first problem with its position.
    struct Reader {
        let file: String

        func fail(_ node: Node, _ message: String) -> RulePackError {
            RulePackError(file: file, position: node.range.isSynthetic ? SourcePosition(line: 1, column: 1) : node.range.start, message)
        }

        func fail(_ key: MappingKey, _ message: String) -> RulePackError {
            RulePackError(file: file, position: key.range.isSynthetic ? SourcePosition(line: 1, column: 1) : key.range.start, message)
        }

        func mapping(_ node: Node, _ what: String) throws(RulePackError) -> Mapping {
            guard let m = node.mapping else { throw fail(node, "\(what) must be a mapping, not \(node.kindName)") }
            return m
        }

        func string(_ node: Node, _ what: String) throws(RulePackError) -> String {
            guard let s = node.scalar?.text, node.scalar?.resolved.kind != .null else { throw fail(node, "\(what) must be a string, not \(node.kindName)") }
            return s
        }

        func strings(_ node: Node, _ what: String) throws(RulePackError) -> [String] {
            if let items = node.sequence {
                var out: [String] = []
                for i in items { out.append(try string(i, what)) }
                return out
            }
            return [try string(node, what)]
        }

        func path(_ node: Node) throws(RulePackError) -> PackPath {
            let text = try string(node, "a path")
            do { return try PackPath(text) } catch { throw fail(node, error.message) }
        }

        mutating func pack(_ root: Node, defaultName: String) throws(RulePackError) -> RulePack {
            let m = try mapping(root, "a rule file")
            for e in m.entries where !RulePackLoader.packKeys.contains(e.key.name) {
                throw fail(e.key, "unknown key '\(e.key.name)' (a rule file has \(RulePackLoader.packKeys.sorted().joined(separator: ", ")))")
            }
            let name = try m["pack"].map { n throws(RulePackError) in try string(n, "pack") } ?? defaultName
            let description = try m["description"].map { n throws(RulePackError) in try string(n, "description") } ?? ""
            guard let rulesNode = m["rules"] else { throw fail(root, "a rule file needs 'rules', a list of rules") }
            guard let items = rulesNode.sequence else { throw fail(rulesNode, "'rules' must be a list of rules") }
            var rules: [PackRule] = []
            var ids: Set<String> = []
            for item in items {
                let r = try rule(item, pack: name)
                guard ids.insert(r.info.id).inserted else { throw fail(item, "rule id \(r.info.id) is used twice in this file") }
                rules.append(r)
            }
            return RulePack(name: name, description: description, file: file, rules: rules)
        }

        func rule(_ node: Node, pack: String) throws(RulePackError) -> PackRule {
            let m = try mapping(node, "a rule")
            for e in m.entries where !RulePackLoader.ruleKeys.contains(e.key.name) {
                throw fail(e.key, "unknown rule key '\(e.key.name)'")
            }
            func required(_ key: String) throws(RulePackError) -> Node {
                guard let n = m[key] else { throw fail(node, "a rule needs '\(key)'") }
                return n
            }
            let idNode = try required("id")
            let id = try string(idNode, "id")
            guard id.count >= 2, id.count <= 32, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }), id.first!.isLetter else {
                throw fail(idNode, "rule id '\(id)' must be letters and digits, starting with a letter (for example CK2001)")
            }
            let severityNode = try required("severity")
            let severityText = try string(severityNode, "severity")
            guard let severity = Severity(rawValue: severityText.lowercased()) else {
                throw fail(severityNode, "unknown severity '\(severityText)' (use error, warning or informational)")
            }
            let title = try string(try required("title"), "title")
            let description = try m["description"].map { n throws(RulePackError) in try string(n, "description") } ?? title
            let source = try m["source"].map { n throws(RulePackError) in try string(n, "source") }
            let fix = try m["fix"].map { n throws(RulePackError) in try string(n, "fix") }
            let message = try m["message"].map { n throws(RulePackError) in try string(n, "message") } ?? title

            var target: PackTarget
            if let t = m["target"] {
                switch try string(t, "target") {
                case "resources": target = .resources(["*"])
                case "parameters": target = .parameters
                case "outputs": target = .outputs
                case "template": target = .template
                case let other: throw fail(t, "unknown target '\(other)' (use resources, parameters, outputs or template)")
                }
            } else if m["resource-types"] != nil {
                target = .resources(["*"])
            } else {
                throw fail(node, "a rule needs 'resource-types' or a 'target'")
            }
            if let types = m["resource-types"] {
                guard case .resources = target else { throw fail(types, "'resource-types' only applies to the resources target") }
                let list = try strings(types, "a resource type")
                guard !list.isEmpty else { throw fail(types, "'resource-types' is empty") }
                target = .resources(list)
            }
            var forEach: [PackPath] = []
            if let f = m["for-each"] {
                for n in f.sequence ?? [f] { forEach.append(try path(n)) }
            }
            let when = try m["when"].map { n throws(RulePackError) in try condition(n) }
            let assertion = try condition(try required("assert"))
            var unknown = UnknownPolicy.skip
            if let u = m["unknown"] {
                let text = try string(u, "unknown")
                guard let p = UnknownPolicy(rawValue: text) else { throw fail(u, "unknown: '\(text)' must be skip or fail") }
                unknown = p
            }
            var failing: [RuleExample] = []
            var passing: [RuleExample] = []
            if let ex = m["examples"] {
                let em = try mapping(ex, "examples")
                for e in em.entries {
                    guard e.key.name == "failing" || e.key.name == "passing" else {
                        throw fail(e.key, "unknown examples key '\(e.key.name)' (use failing and passing)")
                    }
                    let list = try strings(e.value, "an example template")
                    let examples = list.map { RuleExample($0) }
                    if e.key.name == "failing" { failing = examples } else { passing = examples }
                }
            }
            var info = RuleInfo(id: id, short: title, description: description, source: source ?? "\(file)", tags: ["pack:\(pack)"])
            info.severity = severity
            return PackRule(info: info, pack: pack, target: target, forEach: forEach, when: when, assertion: assertion,
                            unknown: unknown, message: message, fix: fix, failing: failing, passing: passing, file: file, position: node.range.start)
        }

        func condition(_ node: Node) throws(RulePackError) -> PackCondition {
            let m = try mapping(node, "a condition")
            guard let first = m.entries.first else { throw fail(node, "empty condition") }
            switch first.key.name {
            case "all-of", "any-of":
                guard m.count == 1 else { throw fail(m.entries[1].key, "'\(first.key.name)' stands alone in its condition") }
                guard let items = first.value.sequence, !items.isEmpty else { throw fail(first.value, "'\(first.key.name)' takes a non-empty list of conditions") }
                var cs: [PackCondition] = []
                for i in items { cs.append(try condition(i)) }
                return first.key.name == "all-of" ? .allOf(cs) : .anyOf(cs)
            case "not":
                guard m.count == 1 else { throw fail(m.entries[1].key, "'not' stands alone in its condition") }
                return .not(try condition(first.value))
            case "exists", "absent":
                guard m.count == 1 else { throw fail(m.entries[1].key, "'\(first.key.name)' stands alone in its condition") }
                let p = try path(first.value)
                return first.key.name == "exists" ? .exists(p) : .absent(p)
            case "has-resource-type":
                guard m.count == 1 else { throw fail(m.entries[1].key, "'has-resource-type' stands alone in its condition") }
                return .hasResourceType(try strings(first.value, "a resource type").map(TypePattern.init))
            case "name-matches":
                guard m.count == 1 else { throw fail(m.entries[1].key, "'name-matches' stands alone in its condition") }
                let pattern = try string(first.value, "a regular expression")
                do { return .nameMatches(try PackRegex(pattern)) } catch { throw fail(first.value, error.message) }
            default:
                return try valueCondition(node, m)
            }
        }

        /// `{path: P, <operator>: argument, quantifier: all|any}`.
        func valueCondition(_ node: Node, _ m: Mapping) throws(RulePackError) -> PackCondition {
            var pathValue: PackPath?
            var quantifier = PackCondition.Quantifier.all
            var op: (MappingKey, Node)?
            for e in m.entries {
                switch e.key.name {
                case "path": pathValue = try path(e.value)
                case "quantifier":
                    let q = try string(e.value, "quantifier")
                    guard let v = PackCondition.Quantifier(rawValue: q) else { throw fail(e.value, "quantifier '\(q)' must be all or any") }
                    quantifier = v
                case let k where RulePackLoader.valueOperators.contains(k):
                    if op != nil { throw fail(e.key, "one operator per condition ('\(op!.0.name)' and '\(k)'); combine conditions with all-of") }
                    op = (e.key, e.value)
                default:
                    throw fail(e.key, "unknown operator '\(e.key.name)'")
                }
            }
            guard let (key, arg) = op else { throw fail(node, "a condition needs an operator (exists, absent, equals, ...)") }
            guard let p = pathValue else { throw fail(key, "'\(key.name)' needs a 'path'") }
            return .test(p, quantifier, try valueTest(key, arg))
        }

        func number(_ node: Node) throws(RulePackError) -> Double {
            guard let t = node.scalar?.text, let d = Double(t) else { throw fail(node, "expected a number, not \(node.kindName)") }
            return d
        }

        func valueTest(_ key: MappingKey, _ arg: Node) throws(RulePackError) -> ValueTest {
            switch key.name {
            case "equals": return .equals(arg)
            case "not-equals": return .notEquals(arg)
            case "in", "not-in":
                guard let items = arg.sequence else { throw fail(arg, "'\(key.name)' takes a list of values") }
                return key.name == "in" ? .isIn(items) : .notIn(items)
            case "matches":
                let pattern = try string(arg, "a regular expression")
                do { return .matches(try PackRegex(pattern)) } catch { throw fail(arg, error.message) }
            case "contains": return .contains(arg)
            case "is-dynamic-reference":
                if arg.scalar?.resolved.kind == .boolean {
                    guard arg.text?.lowercased() == "true" else { throw fail(arg, "is-dynamic-reference takes true or a list of kinds (ssm, ssm-secure, secretsmanager); use not to negate") }
                    return .dynamicReference(nil)
                }
                let kinds = try strings(arg, "a dynamic reference kind")
                for (i, k) in kinds.enumerated() where !RulePackLoader.dynamicReferenceKinds.contains(k) {
                    throw fail(arg.sequence?[i] ?? arg, "unknown dynamic reference kind '\(k)' (use ssm, ssm-secure or secretsmanager)")
                }
                return .dynamicReference(Set(kinds))
            case "is-ref-to-parameter":
                if arg.scalar?.resolved.kind == .boolean {
                    guard arg.text?.lowercased() == "true" else { throw fail(arg, "is-ref-to-parameter takes true or a condition on the parameter; use not to negate") }
                    return .refToParameter(nil)
                }
                let m = try mapping(arg, "is-ref-to-parameter's argument")
                // Shorthand: `{NoEcho: true, Type: String}` means each attribute equals its value.
                let isShorthand = m.entries.allSatisfy { e in
                    !["all-of", "any-of", "not", "exists", "absent", "path", "has-resource-type", "name-matches"].contains(e.key.name)
                        && !RulePackLoader.valueOperators.contains(e.key.name)
                }
                if isShorthand {
                    var cs: [PackCondition] = []
                    for e in m.entries {
                        let p: PackPath
                        do { p = try PackPath(e.key.name) } catch { throw fail(e.key, error.message) }
                        cs.append(.test(p, .all, .equals(e.value)))
                    }
                    return .refToParameter(cs.count == 1 ? cs[0] : .allOf(cs))
                }
                return .refToParameter(try condition(arg))
            case "length":
                let m = try mapping(arg, "length's argument (for example {gte: 1, lte: 10})")
                var bounds: [(Comparison, Double)] = []
                for e in m.entries {
                    guard let c = Comparison.named(e.key.name) else { throw fail(e.key, "unknown comparison '\(e.key.name)' (use gt, gte, lt, lte)") }
                    bounds.append((c, try number(e.value)))
                }
                guard !bounds.isEmpty else { throw fail(arg, "length needs a comparison") }
                return .length(bounds)
            default:
                guard let c = Comparison.named(key.name) else { throw fail(key, "unknown operator '\(key.name)'") }
                return .compare(c, try number(arg))
            }
        }
    }
}
