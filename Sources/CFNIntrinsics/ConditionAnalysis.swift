import CFNTemplate

/// Reasons about a template's conditions without parameter values, for linters: whether each
/// condition is always true, always false or depends on parameters; whether two conditions can
/// both be true; whether a set of `Fn::If` branch choices can happen together.
///
/// Conditions are compiled once into a shared formula graph over equality atoms
/// `Equals(Ref P, literal)`, where each parameter takes exactly one value (one of its
/// AllowedValues when it has them, else one of the literals it is compared with or "something
/// else"). Each condition then becomes a multi-valued decision diagram over the parameters, so
/// questions are answered by combining diagrams rather than enumerating every combination of
/// values (the cause of cfn-lint's long runs, its issues #2874, #3356, #4387). The diagrams have
/// a size limit; a condition whose diagram would pass it is answered by a backtracking search
/// with three-valued pruning and a node budget, and past that budget the answer is
/// "satisfiable" marked approximate. Everything is deterministic.
///
/// Exactness: "unsatisfiable" answers (mutually exclusive, always false) are always exact. A
/// "satisfiable" answer is approximate when the budget ran out or when the formula involves
/// comparisons cfnkit can't relate to parameter values (e.g. `Equals(Select(0, Ref L), x)`), which
/// are treated as independent unknowns.
public final class ConditionAnalysis {
    public struct Answer: Sendable, Hashable, CustomStringConvertible {
        public let value: Bool
        public let isApproximate: Bool
        public var description: String { "\(value)\(isApproximate ? " (approximate)" : "")" }

        public init(value: Bool, isApproximate: Bool) {
            self.value = value
            self.isApproximate = isApproximate
        }
    }

    public enum Truth: String, Sendable, Hashable {
        case alwaysTrue, alwaysFalse, dependsOnParameters
    }

    /// Problems met while compiling conditions: unknown condition names, cycles.
    public private(set) var errors: [EvaluationError] = []
    public let nodeBudget: Int
    /// Search nodes used by all questions so far (for benchmarks and tests).
    public private(set) var nodesVisited = 0

    // Formula graph
    private enum Formula {
        case constant(Bool)
        /// Variable `variable` has value number `value`.
        case atom(variable: Int, value: Int)
        case not(Int)
        case and([Int])
        case or([Int])
    }

    private struct Variable {
        let name: String
        /// Value texts; `nil` stands for "any other value".
        var domain: [String?]
        /// An unknown comparison, treated as an independent boolean.
        let isOpaque: Bool
    }

    private let template: Template
    private let fixedValues: [String: String]
    private var formulas: [Formula] = []
    private var variables: [Variable] = []
    private var variableIndex: [String: Int] = [:]
    private var opaqueIndex: [String: Int] = [:]
    private var literalsByParameter: [String: [String]] = [:]
    private var conditionRoots: [String: Int] = [:]
    private var compiling: [String] = []
    /// Conditions reached again through a reported cycle, opaque until compiled.
    private var cycleCuts: Set<String> = []
    private var supports: [Int: [Int]] = [:]
    private var truthCache: [String: (Truth, Bool)] = [:]

    /// - Parameters:
    ///   - fixedValues: values known for some parameters or pseudo parameters (`AWS::Region`); the
    ///     rest are free.
    ///   - nodeBudget: search nodes allowed per question.
    ///   - diagramNodeLimit: most decision-diagram nodes kept for the whole template.
    public init(template: Template, fixedValues: [String: String] = [:], nodeBudget: Int = 20_000,
                diagramNodeLimit: Int = 200_000) {
        self.template = template
        self.fixedValues = fixedValues
        self.nodeBudget = nodeBudget
        collectLiterals()
        for c in template.conditions { _ = root(of: c.name, at: c.key.range) }
        diagram = DecisionDiagram(domainSizes: variables.map(\.domain.count), nodeLimit: diagramNodeLimit)
    }

    private var diagram = DecisionDiagram(domainSizes: [], nodeLimit: 0)
    private var diagramOf: [Int: Int32] = [:]
    private var diagramFailed = Set<Int>()

    /// The decision diagram of a formula, or nil when it would be too large.
    private func diagramRoot(_ n: Int) -> Int32? {
        if let d = diagramOf[n] { return d }
        if diagramFailed.contains(n) || n >= formulas.count || variables.count != diagram.domainSizes.count { return nil }
        var result: Int32?
        switch formulas[n] {
        case .constant(let b): result = b ? DecisionDiagram.trueNode : DecisionDiagram.falseNode
        case .atom(let v, let i): result = diagram.atom(v, i)
        case .not(let x): result = diagramRoot(x).flatMap { diagram.not($0) }
        case .and(let xs), .or(let xs):
            let isAnd: Bool
            if case .and = formulas[n] { isAnd = true } else { isAnd = false }
            var acc: Int32? = isAnd ? DecisionDiagram.trueNode : DecisionDiagram.falseNode
            for x in xs {
                guard let a = acc, let d = diagramRoot(x) else { acc = nil; break }
                acc = isAnd ? diagram.and(a, d) : diagram.or(a, d)
            }
            result = acc
        }
        if let result { diagramOf[n] = result } else { diagramFailed.insert(n) }
        return result
    }

    /// Diagram answer for goals: nil when a diagram is too large (the search decides then).
    private func diagramSolve(_ goals: [(Int, Bool)]) -> Answer? {
        var acc = DecisionDiagram.trueNode
        for (g, want) in goals {
            guard var d = diagramRoot(g) else { return nil }
            if !want { guard let nd = diagram.not(d) else { return nil }; d = nd }
            guard let a = diagram.and(acc, d) else { return nil }
            acc = a
        }
        let satisfiable = acc != DecisionDiagram.falseNode
        let opaque = satisfiable && !opaqueIndex.isEmpty && diagram.support(acc).contains { variables[$0].isOpaque }
        return Answer(value: satisfiable, isApproximate: opaque)
    }

    public var conditionNames: [String] { template.conditions.map(\.name) }

    // MARK: Questions

    /// Whether the condition is always true, always false, or depends on parameter values.
    public func truth(of condition: String) -> (truth: Truth, isApproximate: Bool) {
        if let cached = truthCache[condition] { return cached }
        let r = root(of: condition, at: .synthetic)
        let canBeTrue = solve([(r, true)])
        let canBeFalse = solve([(r, false)])
        let result: (Truth, Bool)
        switch (canBeTrue.value, canBeFalse.value) {
        case (true, true): result = (.dependsOnParameters, canBeTrue.isApproximate || canBeFalse.isApproximate)
        case (true, false): result = (.alwaysTrue, canBeTrue.isApproximate)
        case (false, true): result = (.alwaysFalse, canBeFalse.isApproximate)
        case (false, false): result = (.alwaysFalse, false)  // only for a contradiction in the graph itself
        }
        truthCache[condition] = result
        return result
    }

    public func canBothBeTrue(_ a: String, _ b: String) -> Answer {
        solve([(root(of: a, at: .synthetic), true), (root(of: b, at: .synthetic), true)])
    }

    /// True when the two conditions can never both be true (e.g. `IsProd` and `IsNotProd`).
    public func areMutuallyExclusive(_ a: String, _ b: String) -> Answer {
        let both = canBothBeTrue(a, b)
        return Answer(value: !both.value, isApproximate: both.isApproximate)
    }

    /// True when `a` being true forces `b` to be true.
    public func implies(_ a: String, _ b: String) -> Answer {
        let counter = solve([(root(of: a, at: .synthetic), true), (root(of: b, at: .synthetic), false)])
        return Answer(value: !counter.value, isApproximate: counter.isApproximate)
    }

    /// Whether conditions can take these values together, e.g. the branches of nested `Fn::If`s
    /// (`["IsProd": true, "HasBucket": false]`).
    public func isSatisfiable(_ choices: [String: Bool]) -> Answer {
        solve(choices.keys.sorted().map { (root(of: $0, at: .synthetic), choices[$0]!) })
    }

    public func isSatisfiable(_ choices: [(condition: String, value: Bool)]) -> Answer {
        solve(choices.map { (root(of: $0.condition, at: .synthetic), $0.value) })
    }

    /// The parameters (and pseudo parameters) a condition depends on.
    public func parameters(of condition: String) -> [String] {
        support(root(of: condition, at: .synthetic)).compactMap { variables[$0].isOpaque ? nil : variables[$0].name }
    }

    // MARK: Compiling

    private func add(_ f: Formula) -> Int {
        formulas.append(f)
        return formulas.count - 1
    }

    private lazy var trueNode = add(.constant(true))
    private lazy var falseNode = add(.constant(false))

    private func root(of name: String, at range: SourceRange) -> Int {
        if let r = conditionRoots[name] { return r }
        if cycleCuts.contains(name) { return opaque("cycle:\(name)") }
        if compiling.isEmpty {
            // From the outside: compile what it uses first, deepest first, so no chain recurses.
            let plan = ConditionDependencies.order(from: name, in: template) { conditionRoots[$0] != nil }
            for cycle in plan.cycles {
                let reached = cycle[cycle.count - 1]
                errors.append(EvaluationError(.conditionCycle, "condition \(reached) depends on itself: \(cycle.joined(separator: " -> "))",
                                              at: template.condition(reached)?.key.range ?? range))
                cycleCuts.insert(reached)
            }
            for condition in plan.order.dropLast() where conditionRoots[condition] == nil {
                compiling.append(condition)
                let r = template.condition(condition).map { compile($0.node) } ?? opaque("unknown-condition:\(condition)")
                compiling.removeLast()
                conditionRoots[condition] = r
            }
        }
        if let r = conditionRoots[name] { return r }
        if compiling.contains(name) {
            let start = compiling.firstIndex(of: name)!
            let cycle = compiling[start...] + [name]
            errors.append(EvaluationError(.conditionCycle, "condition \(name) depends on itself: \(cycle.joined(separator: " -> "))",
                                          at: template.condition(name)?.key.range ?? range))
            return opaque("cycle:\(name)")
        }
        guard let definition = template.condition(name) else {
            errors.append(EvaluationError(.unknownCondition, "no condition is named '\(name)'", at: range))
            let r = opaque("unknown-condition:\(name)")
            conditionRoots[name] = r
            return r
        }
        compiling.append(name)
        let r = compile(definition.node)
        compiling.removeLast()
        conditionRoots[name] = r
        return r
    }

    private func compile(_ node: Node) -> Int {
        if let text = node.text, node.scalar?.resolved.kind == .boolean {
            return text.lowercased() == "true" ? trueNode : falseNode
        }
        guard let (name, argument, _) = node.intrinsic else { return opaque(Self.canonical(node)) }
        switch name {
        case "Condition":
            return root(of: argument.text ?? "", at: argument.range)
        case "Fn::Not":
            guard let items = argument.sequence, items.count == 1 else { return opaque(Self.canonical(node)) }
            let x = compile(items[0])
            if case .constant(let b) = formulas[x] { return b ? falseNode : trueNode }
            return add(.not(x))
        case "Fn::And", "Fn::Or":
            guard let items = argument.sequence, !items.isEmpty else { return opaque(Self.canonical(node)) }
            let isAnd = name == "Fn::And"
            var parts: [Int] = []
            for item in items {
                let x = compile(item)
                if case .constant(let b) = formulas[x] {
                    if b != isAnd { return b ? trueNode : falseNode }
                    continue
                }
                parts.append(x)
            }
            if parts.isEmpty { return isAnd ? trueNode : falseNode }
            if parts.count == 1 { return parts[0] }
            return add(isAnd ? .and(parts) : .or(parts))
        case "Fn::Equals":
            guard let items = argument.sequence, items.count == 2 else { return opaque(Self.canonical(node)) }
            return equality(items[0], items[1])
        default:
            return opaque(Self.canonical(node))
        }
    }

    private enum Operand: Equatable {
        case literal(String)
        case variable(String)
        case other(String)
    }

    private func operand(_ node: Node) -> Operand {
        if let s = node.scalar { return .literal(s.text) }
        if let (name, argument, _) = node.intrinsic, name == "Ref", let target = argument.text {
            if let fixed = fixedValues[target] { return .literal(fixed) }
            if template.parameter(target) != nil || EvaluationContext.pseudoParameterNames.contains(target) { return .variable(target) }
        }
        return .other(Self.canonical(node))
    }

    private func equality(_ a: Node, _ b: Node) -> Int {
        switch (operand(a), operand(b)) {
        case (.literal(let x), .literal(let y)):
            return x == y ? trueNode : falseNode
        case (.variable(let p), .literal(let v)), (.literal(let v), .variable(let p)):
            let variable = parameterVariable(p)
            guard let index = variables[variable].domain.firstIndex(of: v) else { return falseNode }
            return add(.atom(variable: variable, value: index))
        case (.variable(let p), .variable(let q)) where p == q:
            return trueNode
        case (let x, let y):
            let keys = [Self.key(x), Self.key(y)].sorted()
            return opaque("Equals(\(keys[0]),\(keys[1]))")
        }
    }

    private static func key(_ o: Operand) -> String {
        switch o {
        case .literal(let s): return "'\(s)'"
        case .variable(let p): return "Ref(\(p))"
        case .other(let c): return c
        }
    }

    /// An independent unknown boolean for a comparison cfnkit can't relate to parameters.
    private func opaque(_ key: String) -> Int {
        let variable: Int
        if let v = opaqueIndex[key] {
            variable = v
        } else {
            variable = variables.count
            variables.append(Variable(name: key, domain: ["true", "false"], isOpaque: true))
            opaqueIndex[key] = variable
        }
        return add(.atom(variable: variable, value: 0))
    }

    private func parameterVariable(_ name: String) -> Int {
        if let v = variableIndex[name] { return v }
        let literals = literalsByParameter[name] ?? []
        var domain: [String?]
        if let allowed = template.parameter(name)?.allowedValues?.sequence?.compactMap(\.text), !allowed.isEmpty {
            var unique: [String] = []
            for a in allowed where !unique.contains(a) { unique.append(a) }
            domain = unique.filter { literals.contains($0) }
            // One value not compared anywhere stands for all of them.
            if let spare = unique.first(where: { !literals.contains($0) }) { domain.append(spare) }
        } else {
            domain = literals + [nil]
        }
        let v = variables.count
        variables.append(Variable(name: name, domain: domain, isOpaque: false))
        variableIndex[name] = v
        return v
    }

    /// Every literal each parameter is compared with, in template order.
    private func collectLiterals() {
        func visit(_ node: Node) {
            switch node.value {
            case .scalar: return
            case .sequence(let items): items.forEach(visit)
            case .mapping(let m):
                if let (name, argument, _) = node.intrinsic, name == "Fn::Equals", let items = argument.sequence, items.count == 2 {
                    for (x, y) in [(items[0], items[1]), (items[1], items[0])] {
                        if case .variable(let p) = operand(x), case .literal(let v) = operand(y) {
                            if !(literalsByParameter[p]?.contains(v) ?? false) { literalsByParameter[p, default: []].append(v) }
                        }
                    }
                }
                m.entries.forEach { visit($0.value) }
            }
        }
        for c in template.conditions { visit(c.node) }
    }

    static func canonical(_ node: Node) -> String {
        switch node.value {
        case .scalar(let s): return "'\(s.text)'"
        case .sequence(let items): return "[" + items.map(canonical).joined(separator: ",") + "]"
        case .mapping(let m): return "{" + m.entries.map { "\($0.key.name):\(canonical($0.value))" }.joined(separator: ",") + "}"
        }
    }

    // MARK: Search

    /// Variables a formula depends on, in first-use order.
    private func support(_ root: Int) -> [Int] {
        if let s = supports[root] { return s }
        var seen = Set<Int>(), order: [Int] = [], visited = Set<Int>()
        var stack = [root]
        while let n = stack.popLast() {
            guard visited.insert(n).inserted else { continue }
            switch formulas[n] {
            case .constant: break
            case .atom(let v, _): if seen.insert(v).inserted { order.append(v) }
            case .not(let x): stack.append(x)
            case .and(let xs), .or(let xs): stack.append(contentsOf: xs.reversed())
            }
        }
        supports[root] = order
        return order
    }

    private var assignment: [Int] = []
    private var memo: [Int8] = []      // per formula: 0 false, 1 true, 2 unknown
    private var memoStamp: [Int] = []
    private var stamp = 0

    /// Three-valued value of a formula under the current partial assignment.
    private func value(_ n: Int) -> Bool? {
        if memoStamp[n] == stamp { return memo[n] == 2 ? nil : memo[n] == 1 }
        let result: Bool?
        switch formulas[n] {
        case .constant(let b): result = b
        case .atom(let v, let i): result = assignment[v] < 0 ? nil : assignment[v] == i
        case .not(let x): result = value(x).map { !$0 }
        case .and(let xs):
            var r: Bool? = true
            for x in xs {
                let v = value(x)
                if v == false { r = false; break }
                if v == nil { r = nil }
            }
            result = r
        case .or(let xs):
            var r: Bool? = false
            for x in xs {
                let v = value(x)
                if v == true { r = true; break }
                if v == nil { r = nil }
            }
            result = r
        }
        memoStamp[n] = stamp
        memo[n] = result == nil ? 2 : (result! ? 1 : 0)
        return result
    }

    private func solve(_ goals: [(Int, Bool)]) -> Answer {
        if let answer = diagramSolve(goals) { return answer }
        return search(goals)
    }

    /// Backtracking over parameter values with three-valued pruning, within `nodeBudget`.
    private func search(_ goals: [(Int, Bool)]) -> Answer {
        if memo.count < formulas.count {
            memo = Array(repeating: 2, count: formulas.count)
            memoStamp = Array(repeating: -1, count: formulas.count)
        }
        assignment = Array(repeating: -1, count: variables.count)
        var order: [Int] = []
        var seen = Set<Int>()
        for (g, _) in goals { for v in support(g) where seen.insert(v).inserted { order.append(v) } }
        var budget = nodeBudget
        var exhausted = false

        func goalsValue() -> Bool? {
            stamp += 1
            var r: Bool? = true
            for (g, want) in goals {
                guard let v = value(g) else { r = nil; continue }
                if v != want { return false }
            }
            return r
        }

        func search(_ k: Int) -> Bool {
            budget -= 1
            nodesVisited += 1
            if budget < 0 { exhausted = true; return true }
            switch goalsValue() {
            case false?: return false
            case true?: return true
            case nil: break
            }
            guard k < order.count else { return true }
            let v = order[k]
            for i in variables[v].domain.indices {
                assignment[v] = i
                if search(k + 1) { return true }
                if exhausted { return true }
            }
            assignment[v] = -1
            return false
        }

        let satisfiable = search(0)
        let opaqueInvolved = order.contains { variables[$0].isOpaque }
        return Answer(value: satisfiable, isApproximate: exhausted || (satisfiable && opaqueInvolved))
    }
}
