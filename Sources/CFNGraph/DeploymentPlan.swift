import CFNTemplate

/// The order CloudFormation creates and deletes a template's resources.
///
/// Wave 1 holds every resource with no resource dependencies; wave n those whose dependencies are all
/// in earlier waves; inside a wave, template order. Delete waves run the other way: a resource is
/// deleted once everything that depends on it is gone.
public struct DeploymentPlan: Sendable, Hashable {
    public let waves: [[String]]
    public let deleteOrder: [[String]]
    /// The longest chain of dependencies, first created first.
    public let criticalPath: [String]
    /// Resources whose DeletionPolicy keeps them when the stack is deleted (Retain, RetainExceptOnCreate).
    public let retained: [String]

    public enum PlanError: Error, Sendable, CustomStringConvertible {
        case cycle([DependencyCycle])

        public var description: String {
            switch self {
            case .cycle(let cycles):
                return cycles.map { "circular dependency: \($0.pathDescription)" }.joined(separator: "\n")
            }
        }
    }

    public init(graph: DependencyGraph) throws(PlanError) {
        let cycles = graph.resourceCycles
        guard cycles.isEmpty else { throw .cycle(cycles) }
        let (nodes, dependsOn) = graph.resourceAdjacency()
        let n = nodes.count
        var dependents = [[Int]](repeating: [], count: n)
        for (i, deps) in dependsOn.enumerated() {
            for (j, _) in deps { dependents[j].append(i) }
        }

        let createLevel = Self.levels(count: n, before: dependsOn.map { $0.map(\.0) }, after: dependents)
        let deleteLevel = Self.levels(count: n, before: dependents, after: dependsOn.map { $0.map(\.0) })
        waves = Self.group(nodes.map(\.name), by: createLevel)
        deleteOrder = Self.group(nodes.map(\.name), by: deleteLevel)

        // Critical path: from the deepest resource, follow the dependency with the highest level.
        if let end = createLevel.indices.max(by: { (createLevel[$0], $1) < (createLevel[$1], $0) }) {
            var path = [end]
            var current = end
            while let next = dependsOn[current].map(\.0).max(by: { (createLevel[$0], $1) < (createLevel[$1], $0) }) {
                path.append(next)
                current = next
            }
            criticalPath = path.reversed().map { nodes[$0].name }
        } else {
            criticalPath = []
        }
        retained = nodes.map(\.name).filter { name in
            let policy = graph.template.resource(name)?.deletionPolicy?.text
            return policy == "Retain" || policy == "RetainExceptOnCreate"
        }
    }

    /// Kahn's algorithm by levels: level(v) = 1 + max(level(u) for u in before(v)).
    private static func levels(count n: Int, before: [[Int]], after: [[Int]]) -> [Int] {
        var remaining = before.map { Set($0).count }
        var level = [Int](repeating: 1, count: n)
        var queue = (0..<n).filter { remaining[$0] == 0 }
        var head = 0
        while head < queue.count {
            let v = queue[head]; head += 1
            for w in Set(after[v]) {
                level[w] = max(level[w], level[v] + 1)
                remaining[w] -= 1
                if remaining[w] == 0 { queue.append(w) }
            }
        }
        return level
    }

    private static func group(_ names: [String], by level: [Int]) -> [[String]] {
        guard let top = level.max() else { return [] }
        var result = [[String]](repeating: [], count: top)
        for (i, name) in names.enumerated() { result[level[i] - 1].append(name) }
        return result
    }
}
