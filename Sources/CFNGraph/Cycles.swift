import CFNTemplate

/// A dependency cycle: the strongly connected set of resources (or conditions) it belongs to, and one
/// concrete loop through it with the reference that makes each step.
public struct DependencyCycle: Sendable, Hashable {
    /// Every node caught in the cycle, in template order.
    public let members: [String]
    /// One closed walk: `path[0] -> path[1] -> ... -> path[0]`; `edges[i]` makes step i.
    public let path: [String]
    public let edges: [GraphEdge]

    /// `A -> B -> C -> A`
    public var pathDescription: String { (path + [path[0]]).joined(separator: " -> ") }
}

/// Finds cycles with Tarjan's strongly-connected-components algorithm, iteratively (no recursion, so a
/// 500-resource cycle costs microseconds and no stack). Each component is reported once.
enum CycleFinder {
    /// - Parameters:
    ///   - names: node names in template order.
    ///   - dependsOn: for each node, `(target index, edge index)` pairs.
    static func cycles(names: [String], dependsOn: [[(Int, Int)]], edge: (Int) -> GraphEdge) -> [DependencyCycle] {
        let n = names.count
        var indexOf = [Int](repeating: -1, count: n)
        var lowLink = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        var counter = 0
        var components: [[Int]] = []

        for root in 0..<n where indexOf[root] == -1 {
            // Each frame: node and the position of the next neighbour to visit.
            var work: [(node: Int, next: Int)] = [(root, 0)]
            indexOf[root] = counter; lowLink[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while !work.isEmpty {
                let (v, next) = work[work.count - 1]
                if next < dependsOn[v].count {
                    work[work.count - 1].next += 1
                    let w = dependsOn[v][next].0
                    if indexOf[w] == -1 {
                        indexOf[w] = counter; lowLink[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        work.append((w, 0))
                    } else if onStack[w] {
                        lowLink[v] = min(lowLink[v], indexOf[w])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[v]) }
                if lowLink[v] == indexOf[v] {
                    var component: [Int] = []
                    while let w = stack.popLast() {
                        onStack[w] = false
                        component.append(w)
                        if w == v { break }
                    }
                    let selfLoop = component.count == 1 && dependsOn[v].contains { $0.0 == v }
                    if component.count > 1 || selfLoop { components.append(component.sorted()) }
                }
            }
        }

        return components.sorted { $0[0] < $1[0] }.map { component in
            let members = Set(component)
            let start = component[0]
            let loop = shortestLoop(from: start, within: members, dependsOn: dependsOn)
            return DependencyCycle(members: component.map { names[$0] }, path: loop.map { names[$0.node] },
                                   edges: loop.map { edge($0.edge) })
        }
    }

    /// Breadth-first search for the shortest walk from `start` back to itself inside the component.
    private static func shortestLoop(from start: Int, within members: Set<Int>,
                                     dependsOn: [[(Int, Int)]]) -> [(node: Int, edge: Int)] {
        var cameFrom: [Int: (node: Int, edge: Int)] = [:]
        var queue = [start]
        var head = 0
        var closing: (node: Int, edge: Int)?
        search: while head < queue.count {
            let v = queue[head]; head += 1
            for (w, e) in dependsOn[v] where members.contains(w) {
                if w == start { closing = (v, e); break search }
                if cameFrom[w] == nil {
                    cameFrom[w] = (v, e)
                    queue.append(w)
                }
            }
        }
        guard let closing else { return [] }
        // Walk back from the node that closes the loop to the start.
        var steps: [(node: Int, edge: Int)] = [(closing.node, closing.edge)]
        var current = closing.node
        while current != start, let previous = cameFrom[current] {
            steps.append((previous.node, previous.edge))
            current = previous.node
        }
        return steps.reversed()
    }
}

extension DependencyGraph {
    /// Resource cycles (Ref, GetAtt, Sub and DependsOn edges), each strongly connected set once.
    public var resourceCycles: [DependencyCycle] {
        let (nodes, dependsOn) = resourceAdjacency()
        return CycleFinder.cycles(names: nodes.map(\.name), dependsOn: dependsOn, edge: edge(at:))
    }

    /// Conditions that use each other through `Condition`, which CloudFormation rejects.
    public var conditionCycles: [DependencyCycle] {
        let conditions = nodes.filter { $0.kind == .condition }
        var position: [String: Int] = [:]
        for (i, c) in conditions.enumerated() { position[c.name] = i }
        let dependsOn: [[(Int, Int)]] = conditions.map { c in
            outgoingEdgeIndices(c.id).compactMap { e in
                guard edges[e].to.kind == .condition, let j = position[edges[e].to.name] else { return nil }
                return (j, e)
            }
        }
        return CycleFinder.cycles(names: conditions.map(\.name), dependsOn: dependsOn, edge: edge(at:))
    }
}
