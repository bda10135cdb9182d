import CFNTemplate
import Foundation

/// Three-valued truth: a value only known at deploy time makes a check `unknown`.
public enum Truth: Sendable, Equatable {
    case yes, no, unknown

    var negated: Truth {
        switch self {
        case .yes: return .no
        case .no: return .yes
        case .unknown: return .unknown
        }
    }
}

/// A compiled regular expression (checked when the rule file is read).
public struct PackRegex: @unchecked Sendable {
    public let pattern: String
    let regex: NSRegularExpression

    public init(_ pattern: String) throws(PackSyntaxError) {
        self.pattern = pattern
        do { regex = try NSRegularExpression(pattern: pattern) } catch {
            throw PackSyntaxError("invalid regular expression '\(pattern)'")
        }
        if let at = RegexSafety.nestedQuantifier(in: pattern) {
            throw PackSyntaxError("regular expression '\(pattern)' repeats a group that itself repeats (at character \(at + 1)); "
                                  + "such patterns can take exponential time on some values: rewrite it without the nested repetition")
        }
    }

    /// Whether the pattern matches somewhere in `s` (anchor with ^ and $ to match all of it).
    public func matches(_ s: String) -> Bool {
        regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    /// Whether the pattern matches at the start of `s` (cfn-lint's REGEX_MATCH uses Python's re.match).
    func matchesAtStart(_ s: String) -> Bool {
        regex.firstMatch(in: s, options: [.anchored], range: NSRange(s.startIndex..., in: s)) != nil
    }
}

/// Numeric comparisons.
public enum Comparison: String, Sendable, CaseIterable {
    case gt, gte, lt, lte

    func holds(_ a: Double, _ b: Double) -> Bool {
        switch self {
        case .gt: return a > b
        case .gte: return a >= b
        case .lt: return a < b
        case .lte: return a <= b
        }
    }

    /// `>` `>=` `<` `<=` are accepted as spellings too.
    static func named(_ s: String) -> Comparison? {
        switch s {
        case "gt", ">": return .gt
        case "gte", ">=": return .gte
        case "lt", "<": return .lt
        case "lte", "<=": return .lte
        default: return nil
        }
    }
}

/// A test of one value found at a path.
public indirect enum ValueTest: Sendable {
    case equals(Node)
    case notEquals(Node)
    case isIn([Node])
    case notIn([Node])
    case matches(PackRegex)
    case compare(Comparison, Double)
    case contains(Node)
    /// A `{{resolve:KIND:...}}` dynamic reference; nil kinds: any kind.
    case dynamicReference(Set<String>?)
    /// A `Ref` to a template parameter whose declaration satisfies the condition (nil: any parameter).
    case refToParameter(PackCondition?)
    /// The number of items of a list, keys of a mapping, or characters of a string.
    case length([(Comparison, Double)])
}

/// A condition over the entry a rule looks at.
public indirect enum PackCondition: Sendable {
    public enum Quantifier: String, Sendable { case all, any }

    case allOf([PackCondition])
    case anyOf([PackCondition])
    case not(PackCondition)
    case exists(PackPath)
    case absent(PackPath)
    case test(PackPath, Quantifier, ValueTest)
    /// The (evaluated) template has a resource of a matching type.
    case hasResourceType([TypePattern])
    /// The entry's name (resource logical id, parameter or output name) matches.
    case nameMatches(PackRegex)
}

// MARK: Evaluation

/// A node reached by a path, with where a finding about it points.
struct PackHit {
    var node: Node
    var location: Location
}

/// The state of one evaluation: the `Fn::If` branches chosen (a "world"), the conditions that
/// were actually consulted, and the template (for parameters and resource types).
final class PackEvaluation {
    let model: EvaluatedTemplate
    var template: Template { model.template }
    let world: [String: Bool]
    /// What `name-matches` tests: the entry's name, or with for-each the key the item sits under.
    var entryName: String
    var consulted: Set<String> = []

    init(model: EvaluatedTemplate, world: [String: Bool], entryName: String) {
        self.model = model
        self.world = world
        self.entryName = entryName
    }

    enum Settled {
        case absent
        case node(Node)
        case unknown(Node)
    }

    /// A node as this world sees it: `Fn::If` replaced by the branch of the world, `Ref:
    /// AWS::NoValue` as nothing; other intrinsic functions are values not known until deployment.
    func settle(_ node: Node, evaluating: Bool = true) -> Settled {
        var n = node
        var isEvaluated = !evaluating
        while true {
            guard let f = n.intrinsic else { return .node(n) }
            if f.name == "Ref", f.argument.text == "AWS::NoValue" { return .absent }
            if f.name == "Fn::If", let args = f.argument.sequence, args.count == 3, let c = args[0].text {
                if let known = model.condition(c) {
                    n = known ? args[1] : args[2]
                    continue
                }
                if let branch = world[c] {
                    consulted.insert(c)
                    n = branch ? args[1] : args[2]
                    continue
                }
                return .unknown(n)
            }
            if isEvaluated { return .unknown(n) }
            n = model.evaluate(n)
            isEvaluated = true
        }
    }

    struct Navigation {
        var hits: [PackHit] = []
        /// A value not known until deployment stood in the way of part of the path.
        var blocked = false
        /// The deepest place the path reached (where a finding about a missing property points).
        var deepest: Location
    }

    func navigate(_ path: PackPath, from start: PackHit) -> Navigation {
        var nav = Navigation(deepest: start.location)
        var current = [start]
        let steps = path.steps
        var i = 0
        while i < steps.count {
            var next: [PackHit] = []
            // `**` followed by a key step: one walk that keeps only the matching keys.
            let fused = steps[i] == .deep && i + 1 < steps.count && PackPath.isKeyStep(steps[i + 1])
            for hit in current {
                switch settle(hit.node) {
                case .absent: continue
                case .unknown:
                    nav.blocked = true
                    continue
                case .node(let node):
                    if fused {
                        var p = hit.location.path
                        deepSearch(node, steps[i + 1], &p, &next)
                    } else {
                        apply(steps[i], node, hit.location, &next, &nav)
                    }
                }
            }
            i += fused ? 2 : 1
            if let first = next.first { nav.deepest = first.location }
            current = next
            if current.isEmpty { break }
        }
        // Leaves: settle them (an Fn::If leaf becomes its branch, NoValue drops out).
        for hit in current {
            switch settle(hit.node) {
            case .absent: continue
            case .node(let n), .unknown(let n): nav.hits.append(PackHit(node: n, location: hit.location))
            }
        }
        return nav
    }

    /// Every entry at any depth below `node` whose key `step` accepts (through Fn::If branches of this world).
    /// Other intrinsic functions are not evaluated on the way (keys rarely come out of them).
    private func deepSearch(_ node: Node, _ step: PackPath.Step, _ path: inout [PathElement], _ out: inout [PackHit]) {
        guard case .node(let n) = settle(node, evaluating: false) else { return }
        switch n.value {
        case .scalar: return
        case .mapping(let m):
            for e in m.entries {
                path.append(.key(e.key.name))
                if PackPath.accepts(step, e.key.name) { out.append(PackHit(node: e.value, location: Location(e.key.range, path))) }
                deepSearch(e.value, step, &path, &out)
                path.removeLast()
            }
        case .sequence(let items):
            for (i, x) in items.enumerated() {
                path.append(.index(i))
                deepSearch(x, step, &path, &out)
                path.removeLast()
            }
        }
    }

    private func apply(_ step: PackPath.Step, _ node: Node, _ at: Location, _ out: inout [PackHit], _ nav: inout Navigation) {
        func child(_ e: Mapping.Entry) -> PackHit {
            PackHit(node: e.value, location: Location(e.key.range, at.path + [.key(e.key.name)]))
        }
        func item(_ i: Int, _ n: Node) -> PackHit {
            PackHit(node: n, location: Location(n.range, at.path + [.index(i)]))
        }
        switch step {
        case .key(let k):
            if let e = node.mapping?.entry(k) { out.append(child(e)) }
        case .anyKey, .pattern, .alternatives:
            for e in node.mapping?.entries ?? [] where PackPath.accepts(step, e.key.name) { out.append(child(e)) }
        case .allItems:
            if let items = node.sequence {
                for (i, n) in items.enumerated() {
                    switch settle(n) {
                    case .absent: continue
                    case .node(let s), .unknown(let s): out.append(item(i, s))
                    }
                }
            } else {
                out.append(PackHit(node: node, location: at))
            }
        case .index(let i):
            if let items = node.sequence, i < items.count { out.append(item(i, items[i])) }
        case .deep:
            var stack = [PackHit(node: node, location: at)]
            while let h = stack.popLast() {
                out.append(h)
                guard case .node(let n) = settle(h.node) else { continue }
                if let m = n.mapping {
                    for e in m.entries.reversed() {
                        stack.append(PackHit(node: e.value, location: Location(e.key.range, h.location.path + [.key(e.key.name)])))
                    }
                } else if let items = n.sequence {
                    for (i, x) in items.enumerated().reversed() {
                        stack.append(PackHit(node: x, location: Location(x.range, h.location.path + [.index(i)])))
                    }
                }
            }
        }
    }

    // MARK: Conditions

    /// The truth of a condition at `here`, and on `.no` where a finding should point (nil: at the entry).
    func evaluate(_ condition: PackCondition, at here: PackHit) -> (Truth, Location?) {
        switch condition {
        case .allOf(let items):
            var unknownAt: Location??
            for c in items {
                let (t, blame) = evaluate(c, at: here)
                if t == .no { return (.no, blame) }
                if t == .unknown, unknownAt == nil { unknownAt = .some(blame) }
            }
            if let u = unknownAt { return (.unknown, u) }
            return (.yes, nil)
        case .anyOf(let items):
            var unknownAt: Location??
            var firstBlame: Location?
            for (i, c) in items.enumerated() {
                let (t, blame) = evaluate(c, at: here)
                if t == .yes { return (.yes, nil) }
                if t == .unknown, unknownAt == nil { unknownAt = .some(blame) }
                if i == 0 { firstBlame = blame }
            }
            if let u = unknownAt { return (.unknown, u) }
            return (.no, firstBlame)
        case .not(let inner):
            return (evaluate(inner, at: here).0.negated, nil)
        case .exists(let path):
            let nav = navigate(path, from: here)
            if !nav.hits.isEmpty { return (.yes, nil) }
            return (nav.blocked ? .unknown : .no, nav.deepest)
        case .absent(let path):
            let nav = navigate(path, from: here)
            if let h = nav.hits.first { return (.no, h.location) }
            return (nav.blocked ? .unknown : .yes, nil)
        case .hasResourceType(let patterns):
            let types = model.resourceTypes
            return (types.contains { t in patterns.contains { $0.matches(t) } } ? .yes : .no, nil)
        case .nameMatches(let r):
            return (r.matches(entryName) ? .yes : .no, nil)
        case .test(let path, let quantifier, let test):
            let nav = navigate(path, from: here)
            if nav.hits.isEmpty { return (nav.blocked ? .unknown : .no, nav.deepest) }
            var unknown = nav.blocked
            var unknownAt: Location? = nav.blocked ? nav.deepest : nil
            switch quantifier {
            case .all:
                for h in nav.hits {
                    switch check(test, h.node) {
                    case .no: return (.no, h.location)
                    case .unknown:
                        if !unknown { unknownAt = h.location }
                        unknown = true
                    case .yes: break
                    }
                }
                return (unknown ? .unknown : .yes, unknownAt)
            case .any:
                for h in nav.hits {
                    switch check(test, h.node) {
                    case .yes: return (.yes, nil)
                    case .unknown:
                        if !unknown { unknownAt = h.location }
                        unknown = true
                    case .no: break
                    }
                }
                return (unknown ? .unknown : .no, unknown ? unknownAt : nav.hits[0].location)
            }
        }
    }

    /// One value against one test.
    func check(_ test: ValueTest, _ node: Node) -> Truth {
        let isUnknown = node.intrinsic != nil
        switch test {
        case .equals(let v):
            return isUnknown ? .unknown : (Self.equal(node, v) ? .yes : .no)
        case .notEquals(let v):
            return isUnknown ? .unknown : (Self.equal(node, v) ? .no : .yes)
        case .isIn(let vs):
            return isUnknown ? .unknown : (vs.contains { Self.equal(node, $0) } ? .yes : .no)
        case .notIn(let vs):
            return isUnknown ? .unknown : (vs.contains { Self.equal(node, $0) } ? .no : .yes)
        case .matches(let r):
            if isUnknown { return .unknown }
            guard let s = node.scalar?.text else { return .no }
            return r.matches(s) ? .yes : .no
        case .compare(let op, let bound):
            if isUnknown { return .unknown }
            guard let s = node.scalar?.text, let d = Double(s.trimmingCharacters(in: .whitespaces)) else { return .no }
            return op.holds(d, bound) ? .yes : .no
        case .contains(let v):
            if isUnknown { return .unknown }
            if let items = node.sequence {
                var unknown = false
                for i in items {
                    switch settle(i) {
                    case .node(let n): if Self.equal(n, v) { return .yes }
                    case .unknown: unknown = true
                    case .absent: break
                    }
                }
                return unknown ? .unknown : .no
            }
            if let m = node.mapping, let key = v.scalar?.text { return m.entry(key) != nil ? .yes : .no }
            if let s = node.scalar?.text, let sub = v.scalar?.text { return s.contains(sub) ? .yes : .no }
            return .no
        case .dynamicReference(let kinds):
            return Self.dynamicReference(node, kinds)
        case .refToParameter(let condition):
            guard let f = node.intrinsic else { return .no }
            guard f.name == "Ref" else { return f.name == "Fn::GetAtt" ? .no : .unknown }
            guard let name = f.argument.text, let p = template.parameter(name) else { return .no }
            guard let condition else { return .yes }
            let saved = consulted
            let (t, _) = evaluate(condition, at: PackHit(node: p.node, location: Location(p.key.range, [.key("Parameters"), .key(name)])))
            consulted = saved
            return t
        case .length(let bounds):
            if isUnknown { return .unknown }
            let n: Int
            switch node.value {
            case .sequence(let items): n = items.count
            case .mapping(let m): n = m.count
            case .scalar(let s): n = s.text.count
            }
            return bounds.allSatisfy { $0.0.holds(Double(n), $0.1) } ? .yes : .no
        }
    }

    /// `{{resolve:KIND:` in a string, or in the literal text of an `Fn::Sub` or `Fn::Join` whose
    /// other parts are not known; a `Ref` or `Fn::GetAtt` is not one; other functions: unknown.
    static func dynamicReference(_ node: Node, _ kinds: Set<String>?) -> Truth {
        func scan(_ s: String) -> Bool {
            var rest = Substring(s)
            while let r = rest.range(of: "{{resolve:") {
                let after = rest[r.upperBound...]
                let kind = after.prefix { $0 != ":" && $0 != "}" }
                if kinds?.contains(String(kind)) ?? true { return true }
                rest = after
            }
            return false
        }
        switch node.value {
        case .scalar(let s): return scan(s.text) ? .yes : .no
        case .sequence: return .no
        case .mapping:
            guard let f = node.intrinsic else { return .no }
            switch f.name {
            case "Ref", "Fn::GetAtt": return .no
            case "Fn::Sub":
                let text = f.argument.text ?? f.argument.sequence?.first?.text
                if let text, scan(text) { return .yes }
                return .unknown
            case "Fn::Join":
                let parts = f.argument.sequence?.dropFirst().first?.sequence ?? []
                let literal = parts.compactMap { $0.scalar?.text }.joined(separator: "")
                if scan(literal) { return .yes }
                return .unknown
            default:
                return .unknown
            }
        }
    }

    /// Equality as CloudFormation reads values: `true` and "true", `443` and "443" are the same.
    static func equal(_ a: Node, _ b: Node) -> Bool {
        switch (a.value, b.value) {
        case (.scalar(let x), .scalar(let y)):
            if x.text == y.text { return true }
            let lx = x.text.lowercased(), ly = y.text.lowercased()
            if (lx == "true" || lx == "false") && lx == ly { return true }
            if let dx = Double(x.text), let dy = Double(y.text) { return dx == dy }
            return false
        case (.sequence(let xs), .sequence(let ys)):
            return xs.count == ys.count && zip(xs, ys).allSatisfy { equal($0, $1) }
        case (.mapping(let xs), .mapping(let ys)):
            return xs.count == ys.count && xs.entries.allSatisfy { e in ys[e.key.name].map { equal(e.value, $0) } ?? false }
        default:
            return false
        }
    }
}
