import CFNTemplate
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shared pieces of the type-specific E3 rules (cfn-lint's "extension" checks): walking
/// property values through `Fn::If`, Python-style reprs for messages, address formats.
enum TypeSpecific {
    /// One possible value of a property: each `Fn::If` branch taken, with the conditions assumed.
    struct Branch {
        var node: Node
        var location: Location
        var assumptions: [ConditionAssumption]
    }

    /// The values `node` can take through `Fn::If` (AWS::NoValue branches dropped). With
    /// `keepLocation` every branch reports where the property itself is.
    static func branches(_ node: Node, at loc: Location, keepLocation: Bool = false,
                         _ assumptions: [ConditionAssumption] = []) -> [Branch] {
        guard let fn = node.intrinsic, fn.name == "Fn::If" else {
            return [Branch(node: node, location: loc, assumptions: assumptions)]
        }
        guard let args = fn.argument.sequence, args.count == 3, let c = args[0].text else { return [] }
        var out: [Branch] = []
        for (i, value) in [(1, true), (2, false)] where !PropertyValidator.isNoValue(args[i]) {
            let here: Location
            if keepLocation {
                here = loc
            } else {
                let fromTag = fn.keyRange.start == fn.argument.range.start
                let range = args[i].range.isSynthetic || (args[i].intrinsic != nil && fromTag) ? loc.range : args[i].range
                here = Location(range, loc.path + [.key("Fn::If"), .index(i)])
            }
            out += branches(args[i], at: here, keepLocation: keepLocation, assumptions + [ConditionAssumption(c, value)])
        }
        return out
    }

    /// The items of a list property (each item's `Fn::If` expanded), with their locations.
    static func items(_ list: Node, at loc: Location) -> [Branch] {
        guard let items = list.sequence else { return [] }
        var out: [Branch] = []
        for (i, item) in items.enumerated() where !PropertyValidator.isNoValue(item) {
            let range = item.range.isSynthetic ? loc.range : item.range
            out += branches(item, at: Location(range, loc.path + [.index(i)]))
        }
        return out
    }

    /// The entry `key` of a mapping with its location.
    static func entry(_ m: Mapping?, _ key: String, under loc: Location) -> (node: Node, location: Location)? {
        guard let e = m?.entry(key), !PropertyValidator.isNoValue(e.value) else { return nil }
        return (e.value, Location(e.key.range, loc.path + [.key(key)]))
    }

    /// A plain string value (not a function, not null).
    static func string(_ node: Node) -> String? {
        guard let s = node.scalar, s.resolved.kind != .null else { return nil }
        return s.text
    }

    static func isDynamicReference(_ s: String) -> Bool { s.hasPrefix("{{resolve:") && s.hasSuffix("}}") }

    /// Python's `repr` of a string.
    static func repr(_ s: String) -> String {
        let double = s.contains("'") && !s.contains("\"")
        var out = double ? "\"" : "'"
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "'" where !double: out += "\\'"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + (double ? "\"" : "'")
    }

    /// Python's `repr` of a list of strings.
    static func repr(_ list: [String]) -> String { "[" + list.map(repr).joined(separator: ", ") + "]" }

    /// Python's `repr` of a scalar node as the YAML/JSON loader would type it.
    static func repr(_ node: Node) -> String {
        guard let s = node.scalar else { return FunctionChecks.describe(node) }
        switch s.resolved.kind {
        case .string: return repr(s.text)
        case .null: return "None"
        case .boolean: return s.text.lowercased() == "true" ? "True" : "False"
        case .integer, .float: return s.style.isQuoted ? repr(s.text) : s.text
        }
    }

    /// `ipaddress.IPv4Address` rules: four decimal octets 0-255, no leading zeros.
    static func isIPv4(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(p), v <= 255 else { return false }
            if p.count > 1 && p.first == "0" { return false }
        }
        return true
    }

    static func isIPv6(_ s: String) -> Bool {
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { return false }
        var addr = in6_addr()
        return s.withCString { inet_pton(AF_INET6, $0, &addr) } == 1
    }

    /// Whether a set of conditions can all hold: the lint hook when present, otherwise only
    /// the obvious contradiction (two `Fn::Equals` of the same Ref against different literals).
    static func satisfiable(_ ctx: LintContext, _ assumptions: [ConditionAssumption]) -> Bool {
        if let solver = ctx.hooks.conditionsSatisfiable, let r = solver(ctx.template, assumptions) { return r }
        var seen: [String: String] = [:]
        for a in assumptions where a.value {
            guard let f = ctx.template.condition(a.name)?.node.intrinsic, f.name == "Fn::Equals",
                  let args = f.argument.sequence, args.count == 2 else { continue }
            for (x, y) in [(args[0], args[1]), (args[1], args[0])] {
                guard let ref = x.intrinsic, ref.name == "Ref", let target = ref.argument.text, let lit = string(y) else { continue }
                if let other = seen[target], other != lit { return false }
                seen[target] = lit
            }
        }
        return true
    }

    /// Condition names used by `Fn::If` anywhere in `node`, in order of appearance.
    static func conditionNames(_ node: Node, into out: inout [String]) {
        switch node.value {
        case .scalar: break
        case .sequence(let items): for i in items { conditionNames(i, into: &out) }
        case .mapping(let m):
            if let fn = node.intrinsic, fn.name == "Fn::If", let args = fn.argument.sequence, args.count == 3, let c = args[0].text,
               !out.contains(c) {
                out.append(c)
            }
            for e in m.entries { conditionNames(e.value, into: &out) }
        }
    }

    /// Every assignment of truth values to `names` that can hold (empty names: one empty scenario).
    static func scenarios(_ ctx: LintContext, _ names: [String]) -> [[ConditionAssumption]] {
        guard !names.isEmpty, names.count <= 8 else { return names.isEmpty ? [[]] : [] }
        var out: [[ConditionAssumption]] = []
        for bits in 0..<(1 << names.count) {
            let s = names.enumerated().map { ConditionAssumption($0.element, bits & (1 << (names.count - 1 - $0.offset)) == 0) }
            if satisfiable(ctx, s) { out.append(s) }
        }
        return out
    }

    /// `node` with every `Fn::If` replaced by the branch `scenario` takes (nil: AWS::NoValue).
    static func resolve(_ node: Node, _ scenario: [ConditionAssumption]) -> Node? {
        switch node.value {
        case .scalar: return node
        case .sequence(let items):
            return Node(.sequence(items.compactMap { resolve($0, scenario) }), range: node.range)
        case .mapping(let m):
            if let fn = node.intrinsic {
                if fn.name == "Ref", fn.argument.text == "AWS::NoValue" { return nil }
                if fn.name == "Fn::If", let args = fn.argument.sequence, args.count == 3, let c = args[0].text,
                   let a = scenario.first(where: { $0.name == c }) {
                    return resolve(args[a.value ? 1 : 2], scenario)
                }
                return node
            }
            var out = Mapping()
            for e in m.entries {
                if let v = resolve(e.value, scenario) { out.append(Mapping.Entry(key: e.key, value: v)) }
            }
            return Node(.mapping(out), range: node.range)
        }
    }

    static func scenarioText(_ scenario: [ConditionAssumption]) -> String {
        scenario.map { "when condition \"\($0.name)\" is \($0.value ? "True" : "False")" }.joined(separator: " and ")
    }

    /// Resources of the given types with their Properties mapping and its location.
    static func resources(_ ctx: LintContext, _ types: Set<String>) -> [(resource: Resource, properties: Mapping, location: Location)] {
        ctx.template.resources.compactMap { r in
            guard let t = r.type, types.contains(t), let e = r.node.entry("Properties"), let m = e.value.mapping else { return nil }
            return (r, m, Location(e.key.range, [.key("Resources"), .key(r.logicalId), .key("Properties")]))
        }
    }
}

/// A regular expression as cfn-lint prints it, and the ICU form used to match (Python reads
/// `{1-3}` as literal text; ICU would reject it).
struct PrintedPattern: Sendable {
    let text: String
    let icu: String

    init(_ text: String) {
        self.text = text
        icu = text.replacingOccurrences(of: #"\{(\d+)-(\d+)\}"#, with: #"\\{$1-$2\\}"#, options: .regularExpression)
    }

    /// `re.search` semantics (JSON-schema `pattern`); nil when ICU cannot compile it.
    func matches(_ s: String) -> Bool? { PatternCache.shared.matches(icu, s) }

    func message(_ value: String) -> String { "\(TypeSpecific.repr(value)) does not match \(TypeSpecific.repr(text))" }
}
