import CFNTemplate
import Foundation

/// cfn-lint's custom rule files (`-z FILE`, `--custom-rules FILE`, `custom_rules:` in
/// `.cfnlintrc`): one rule a line, `<Type> <Prop.Path> <OP> <value> [WARN|ERROR "message"]`.
///
/// As cfn-lint: the rule on line N has id `E<9000+N>` (`W<9000+N>` with WARN), lines starting
/// with `#` and blank lines are skipped (but counted), the path is below `Properties` and runs
/// through lists and both `Fn::If` branches, values that are other functions are not checked, and
/// the default messages are cfn-lint's. Unlike cfn-lint, an unknown operator stops the run with
/// `file:line:col` instead of becoming a finding in every template.
public enum CustomRulesFile {
    public static let operators = ["EQUALS", "NOT_EQUALS", "REGEX_MATCH", "==", "!=", "IN", "NOT_IN", ">", "<", ">=", "<=", "IS DEFINED", "IS NOT_DEFINED"]

    public static func load(path: String) throws(RulePackError) -> [CustomLineRule] {
        let bytes: [UInt8]
        do { bytes = try FileReader.read(path: path, maxBytes: 8 << 20) } catch {
            throw RulePackError(file: path, position: SourcePosition(line: 1, column: 1), error.message)
        }
        return try parse(String(decoding: bytes, as: UTF8.self), path: path)
    }

    public static func parse(_ text: String, path: String) throws(RulePackError) -> [CustomLineRule] {
        var rules: [CustomLineRule] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = i + 1
            var line = String(raw)
            while let last = line.last, last.isWhitespace { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ column: Int, _ message: String) -> RulePackError {
                RulePackError(file: path, position: SourcePosition(line: lineNumber, column: column), message)
            }
            // Python's `line.split(" ", 3)`: single spaces, at most four parts.
            var parts: [Substring] = []
            var rest = Substring(line)
            while parts.count < 3, let space = rest.firstIndex(of: " ") {
                parts.append(rest[..<space])
                rest = rest[rest.index(after: space)...]
            }
            parts.append(rest)
            guard parts.count == 4 else {
                throw fail(1, "a custom rule is '<Type> <Prop.Path> <OP> <value> [WARN|ERROR \"message\"]'")
            }
            let type = String(parts[0]), property = String(parts[1]), op = String(parts[2]), argument = String(parts[3])
            let opColumn = parts[0].count + parts[1].count + 3
            let valueColumn = opColumn + op.count + 1
            var level = "E"
            var valueText = argument
            var message: String?
            if let r = argument.range(of: "WARN") ?? argument.range(of: "ERROR") {
                level = argument[r] == "WARN" ? "W" : "E"
                valueText = String(argument[..<r.lowerBound])
                let marker = String(argument[r])
                let after = argument.components(separatedBy: marker)
                if after.count > 1 {
                    let m = after[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                    message = m.isEmpty ? nil : m  // cfn-lint: an empty message falls back to the default
                }
            }
            let value = CustomLineRule.Expected.parse(valueText)
            let id = "\(level)\(9000 + lineNumber)"
            let kind: CustomLineRule.Kind
            switch op {
            case "EQUALS", "==": kind = .equals
            case "NOT_EQUALS", "!=": kind = .notEquals
            case "REGEX_MATCH":
                do { kind = .regex(try PackRegex(value.text.trimmingCharacters(in: .whitespaces))) } catch {
                    throw fail(valueColumn, error.message)
                }
            case "IN": kind = .isIn
            case "NOT_IN": kind = .notIn
            case ">": kind = .compare(.gt)
            case ">=": kind = .compare(.gte)
            case "<": kind = .compare(.lt)
            case "<=": kind = .compare(.lte)
            case "IS":
                switch value.text {
                case "DEFINED": kind = .defined
                case "NOT_DEFINED": kind = .notDefined
                default: throw fail(valueColumn, "\"IS \(value.text)\" not in supported operators: [\(operators.joined(separator: ", "))]")
                }
            default:
                throw fail(opColumn, "\"\(op)\" not in supported operators: [\(operators.joined(separator: ", "))]")
            }
            rules.append(CustomLineRule(id: id, resourceType: type, chain: property.split(separator: ".").map(String.init),
                                        kind: kind, expected: value, message: message, file: path))
        }
        return rules
    }
}

/// One rule of a cfn-lint custom rules file.
public struct CustomLineRule: LintRule {
    public enum Kind: Sendable {
        case equals, notEquals, isIn, notIn, defined, notDefined
        case regex(PackRegex)
        case compare(Comparison)
    }

    /// The value after the operator: a list (`[a,b]` or JSON), or text.
    public struct Expected: Sendable {
        public var text: String
        public var list: [String]?

        static func parse(_ raw: String) -> Expected {
            let t = raw.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("["), t.hasSuffix("]") {
                let inner = t.dropFirst().dropLast()
                let items = inner.split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                }
                return Expected(text: t, list: items)
            }
            return Expected(text: t.trimmingCharacters(in: CharacterSet(charactersIn: "\"")), list: nil)
        }
    }

    public let info: RuleInfo
    public let resourceType: String
    public let chain: [String]
    public let kind: Kind
    public let expected: Expected
    public let message: String?
    public var failing: [RuleExample] { [] }
    public var passing: [RuleExample] { [] }

    init(id: String, resourceType: String, chain: [String], kind: Kind, expected: Expected, message: String?, file: String) {
        let short: String
        switch kind {
        case .equals: short = "Custom rule to check for equal values"
        case .notEquals: short = "Custom rule to check for not equal values"
        case .regex: short = "Custom rule to check for regex match"
        case .isIn: short = "Custom rule to check for if a value exists in a list of specified values"
        case .notIn: short = "Custom rule to check for if a value does not exist in a list of specified values"
        case .compare(.gt), .compare(.gte): short = "Custom rule to check for if a value is greater than the specified value"
        case .compare: short = "Custom rule to check for if a value is lesser than the specified value"
        case .defined: short = "Custom rule to check for value is DEFINED"
        case .notDefined: short = "Custom rule to check for value is NOT_DEFINED"
        }
        info = RuleInfo(id: id, short: short, description: "Created from the custom rules file \(file).", source: file, tags: ["custom"])
        self.resourceType = resourceType
        self.chain = chain
        self.kind = kind
        self.expected = expected
        self.message = message
    }

    public func check(_ context: LintContext, _ out: inout Findings) {
        for r in context.template.resources where r.type == resourceType {
            let base: [PathElement] = [.key("Resources"), .key(r.logicalId), .key("Properties")]
            let props = r.properties
            switch kind {
            case .defined, .notDefined:
                walkDefined(props, chain[...], Location(r.node.entry("Properties")?.key.range ?? r.key.range, base), &out)
            default:
                guard let props else { continue }
                walk(props, chain[...], Location(r.key.range, base), &out)
            }
        }
    }

    /// The values a key holds: both branches of `Fn::If`, each item of a list.
    private func values(_ node: Node, _ at: Location, _ into: inout [(Node, Location)]) {
        if let f = node.intrinsic, f.name == "Fn::If", let args = f.argument.sequence, args.count == 3 {
            values(args[1], Location(args[1].range, at.path + [.key("Fn::If"), .index(1)]), &into)
            values(args[2], Location(args[2].range, at.path + [.key("Fn::If"), .index(2)]), &into)
            return
        }
        if let items = node.sequence {
            for (i, item) in items.enumerated() { values(item, Location(item.range, at.path + [.index(i)]), &into) }
            return
        }
        into.append((node, at))
    }

    private func walk(_ node: Node, _ chain: ArraySlice<String>, _ at: Location, _ out: inout Findings) {
        guard let key = chain.first else { return }
        guard let m = node.mapping, node.intrinsic == nil, let e = m.entry(key) else { return }
        var found: [(Node, Location)] = []
        values(e.value, Location(e.key.range, at.path + [.key(key)]), &found)
        for (value, location) in found {
            if value.intrinsic != nil { continue }  // Ref, GetAtt, Sub ...: not checked
            if chain.count > 1 { walk(value, chain.dropFirst(), location, &out); continue }
            if let problem = test(value) { out.add(problem, at: location) }
        }
    }

    /// Python's `str()` of a value as cfn-lint compares it.
    private func text(_ node: Node) -> String {
        guard let s = node.scalar else { return node.kindName }
        if s.resolved.kind == .boolean { return s.text.lowercased() == "true" ? "True" : "False" }
        return s.text
    }

    private func test(_ value: Node) -> String? {
        let v = text(value).trimmingCharacters(in: .whitespaces)
        switch kind {
        case .equals:
            return v.lowercased() == expected.text.lowercased() ? nil : message ?? "Must equal check failed"
        case .notEquals:
            return v.lowercased() == expected.text.lowercased() ? message ?? "Must not equal check failed" : nil
        case .regex(let r):
            return r.matchesAtStart(v) ? nil : message ?? "Regex does not match"
        case .isIn:
            let inside = expected.list.map { $0.contains(text(value)) } ?? expected.text.contains(text(value))
            return inside ? nil : message ?? "In set check failed"
        case .notIn:
            let inside = expected.list.map { $0.contains(text(value)) } ?? expected.text.contains(text(value))
            return inside ? message ?? "Not in set check failed" : nil
        case .compare(let c):
            guard let a = Int(v), let b = Int(expected.text) else { return message ?? "Given values are not numeric" }
            if c.holds(Double(a), Double(b)) { return nil }
            return message ?? (c == .gt || c == .gte ? "Greater than check failed" : "Lesser than check failed")
        case .defined, .notDefined:
            return nil
        }
    }

    private func walkDefined(_ node: Node?, _ chain: ArraySlice<String>, _ at: Location, _ out: inout Findings) {
        let defined: Bool
        if case .defined = kind { defined = true } else { defined = false }
        let isNoValue = node?.intrinsic.map { $0.name == "Ref" && $0.argument.text == "AWS::NoValue" } ?? false
        guard let node, !isNoValue else {
            if defined { out.add(message ?? "\(pythonPath(at.path)) must be defined", at: at) }
            return
        }
        guard let key = chain.first else {
            if !defined { out.add(message ?? "\(pythonPath(at.path)) must not be defined", at: at) }
            return
        }
        if node.intrinsic != nil && node.intrinsic?.name != "Fn::If" { return }
        var found: [(Node, Location)] = []
        values(node, at, &found)
        for (v, location) in found {
            if v.intrinsic != nil { continue }
            guard let m = v.mapping else { continue }
            if let e = m.entry(key) {
                walkDefined(e.value, chain.dropFirst(), Location(e.key.range, location.path + [.key(key)]), &out)
            } else if defined {
                out.add(message ?? "\(pythonPath(location.path + [.key(key)])) must be defined", at: location)
            }
        }
    }

    /// cfn-lint prints the path as a Python list: `['Resources', 'Bucket', 'Properties', 'X']`.
    private func pythonPath(_ path: [PathElement]) -> String {
        "[" + path.map { e -> String in
            switch e {
            case .key(let k): return "'\(k)'"
            case .index(let i): return "\(i)"
            }
        }.joined(separator: ", ") + "]"
    }
}
