/// A reduced, ordered multi-valued decision diagram: each inner node tests one variable (a
/// parameter, with one child per value it can take). Equal sub-diagrams are shared and
/// operations are memoised, so the conditions of real templates (tens of conditions over tens
/// of parameters) stay small, and satisfiability is a comparison with the false node.
/// Growth is bounded: past `nodeLimit` nodes an operation gives up (returns nil).
struct DecisionDiagram {
    static let falseNode: Int32 = 0
    static let trueNode: Int32 = 1

    let domainSizes: [Int]
    let nodeLimit: Int
    private var variable: [Int32] = [-1, -1]      // per node; -1 for the two terminals
    private var childStart: [Int32] = [0, 0]
    private var children: [Int32] = []
    private var unique: [[Int32]: Int32] = [:]
    private var andCache: [Int64: Int32] = [:]
    private var orCache: [Int64: Int32] = [:]
    private var notCache: [Int32: Int32] = [:]
    private(set) var overflowed = false

    init(domainSizes: [Int], nodeLimit: Int) {
        self.domainSizes = domainSizes
        self.nodeLimit = nodeLimit
    }

    var nodeCount: Int { variable.count }

    private func isTerminal(_ n: Int32) -> Bool { n < 2 }

    private func child(_ n: Int32, _ i: Int) -> Int32 { children[Int(childStart[Int(n)]) + i] }

    /// The node testing `v` with these children, shared and reduced.
    private mutating func make(_ v: Int, _ kids: [Int32]) -> Int32? {
        if kids.allSatisfy({ $0 == kids[0] }) { return kids[0] }
        let key = [Int32(v)] + kids
        if let n = unique[key] { return n }
        guard variable.count < nodeLimit else { overflowed = true; return nil }
        let n = Int32(variable.count)
        variable.append(Int32(v))
        childStart.append(Int32(children.count))
        children.append(contentsOf: kids)
        unique[key] = n
        return n
    }

    /// `v == value`.
    mutating func atom(_ v: Int, _ value: Int) -> Int32? {
        make(v, (0..<domainSizes[v]).map { $0 == value ? Self.trueNode : Self.falseNode })
    }

    mutating func not(_ a: Int32) -> Int32? {
        if a == Self.falseNode { return Self.trueNode }
        if a == Self.trueNode { return Self.falseNode }
        if let r = notCache[a] { return r }
        let v = Int(variable[Int(a)])
        var kids: [Int32] = []
        for i in 0..<domainSizes[v] {
            guard let k = not(child(a, i)) else { return nil }
            kids.append(k)
        }
        guard let r = make(v, kids) else { return nil }
        notCache[a] = r
        return r
    }

    mutating func and(_ a: Int32, _ b: Int32) -> Int32? { apply(a, b, isAnd: true) }
    mutating func or(_ a: Int32, _ b: Int32) -> Int32? { apply(a, b, isAnd: false) }

    private mutating func apply(_ a: Int32, _ b: Int32, isAnd: Bool) -> Int32? {
        let absorbing = isAnd ? Self.falseNode : Self.trueNode
        let identity = isAnd ? Self.trueNode : Self.falseNode
        if a == absorbing || b == absorbing { return absorbing }
        if a == identity { return b }
        if b == identity { return a }
        if a == b { return a }
        let key = Int64(min(a, b)) << 32 | Int64(max(a, b))
        if let r = isAnd ? andCache[key] : orCache[key] { return r }
        let va = Int(variable[Int(a)]), vb = Int(variable[Int(b)])
        let v = min(va, vb)
        var kids: [Int32] = []
        for i in 0..<domainSizes[v] {
            let ca = va == v ? child(a, i) : a
            let cb = vb == v ? child(b, i) : b
            guard let k = apply(ca, cb, isAnd: isAnd) else { return nil }
            kids.append(k)
        }
        guard let r = make(v, kids) else { return nil }
        if isAnd { andCache[key] = r } else { orCache[key] = r }
        return r
    }

    /// The variables a diagram tests.
    func support(_ root: Int32) -> Set<Int> {
        var seen = Set<Int32>(), vars = Set<Int>()
        var stack = [root]
        while let n = stack.popLast() {
            guard !isTerminal(n), seen.insert(n).inserted else { continue }
            let v = Int(variable[Int(n)])
            vars.insert(v)
            for i in 0..<domainSizes[v] { stack.append(child(n, i)) }
        }
        return vars
    }
}
