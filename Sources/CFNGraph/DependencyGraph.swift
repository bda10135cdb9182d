import CFNTemplate

/// The dependency graph of one template: every parameter, mapping, condition, resource and output,
/// and an edge for every reference between them, each with its kind and position.
///
/// Built without a context every Fn::If branch counts; with a condition resolver (from the evaluator,
/// for given parameter values and region) untaken branches and resources whose condition is false
/// drop out.
public struct DependencyGraph: Sendable {
    public let template: Template
    public private(set) var nodes: [GraphNode] = []
    public private(set) var edges: [GraphEdge] = []
    /// References whose target is not in the template (or was dropped by a false condition).
    public private(set) var unresolved: [GraphEdge] = []
    /// Resources left out because their condition is false in the context.
    public private(set) var excludedResources: [String] = []

    private var index: [GraphNodeID: Int] = [:]
    private var outgoing: [[Int]] = []
    private var incoming: [[Int]] = []

    /// - Parameter conditionValue: the value of a named condition in the context, or nil when unknown.
    public init(template: Template, conditionValue: @escaping (String) -> Bool? = { _ in nil }) {
        self.template = template
        let collector = ReferenceCollector(conditionValue: conditionValue)

        for p in template.parameters {
            add(GraphNode(kind: .parameter, name: p.name, range: p.key.range, resourceType: nil, condition: nil))
        }
        for m in template.mappings {
            add(GraphNode(kind: .mapping, name: m.name, range: m.key.range, resourceType: nil, condition: nil))
        }
        for c in template.conditions {
            add(GraphNode(kind: .condition, name: c.name, range: c.key.range, resourceType: nil, condition: nil))
        }
        var included: [Resource] = []
        for r in template.resources where !r.logicalId.hasPrefix("Fn::ForEach::") {
            if let condition = r.condition?.name, conditionValue(condition) == false {
                excludedResources.append(r.logicalId)
                continue
            }
            included.append(r)
            add(GraphNode(kind: .resource, name: r.logicalId, range: r.key.range, resourceType: r.type,
                          condition: r.condition?.name))
        }
        var includedOutputs: [Output] = []
        for o in template.outputs {
            if let condition = o.condition?.name, conditionValue(condition) == false { continue }
            includedOutputs.append(o)
            add(GraphNode(kind: .output, name: o.name, range: o.key.range, resourceType: nil, condition: o.condition?.name))
        }

        for c in template.conditions {
            let from = GraphNodeID(kind: .condition, name: c.name)
            for ref in collector.collectCondition(c.node, path: ["Conditions", c.name]) {
                connect(from, ref)
            }
        }
        for r in included {
            let from = GraphNodeID(kind: .resource, name: r.logicalId)
            let base = ["Resources", r.logicalId]
            for entry in r.node.mapping?.entries ?? [] {
                switch entry.key.name {
                case "Type":
                    continue
                case "DependsOn":
                    let items = entry.value.sequence ?? [entry.value]
                    for (i, item) in items.enumerated() {
                        guard let name = item.text else { continue }
                        let path = entry.value.sequence == nil ? base + ["DependsOn"] : base + ["DependsOn", String(i)]
                        connect(from, ReferenceCollector.Reference(target: name, kind: .dependsOn, range: item.range, path: path))
                    }
                case "Condition":
                    if let name = entry.value.text {
                        connect(from, ReferenceCollector.Reference(target: name, kind: .condition, range: entry.value.range,
                                                                   path: base + ["Condition"]))
                    }
                default:
                    for ref in collector.collect(entry.value, path: base + [entry.key.name]) { connect(from, ref) }
                }
            }
        }
        for o in includedOutputs {
            let from = GraphNodeID(kind: .output, name: o.name)
            let base = ["Outputs", o.name]
            for entry in o.node.mapping?.entries ?? [] {
                if entry.key.name == "Condition", let name = entry.value.text {
                    connect(from, ReferenceCollector.Reference(target: name, kind: .condition, range: entry.value.range,
                                                               path: base + ["Condition"]))
                    continue
                }
                for ref in collector.collect(entry.value, path: base + [entry.key.name]) { connect(from, ref) }
            }
        }
    }

    private mutating func add(_ node: GraphNode) {
        guard index[node.id] == nil else { return }
        index[node.id] = nodes.count
        nodes.append(node)
        outgoing.append([])
        incoming.append([])
    }

    /// Matches a reference to its node: Ref and Sub name a parameter or a resource (parameters first,
    /// as CloudFormation resolves them), GetAtt a resource, DependsOn a resource.
    private mutating func connect(_ from: GraphNodeID, _ ref: ReferenceCollector.Reference) {
        let candidates: [GraphNodeKind]
        switch ref.kind {
        case .ref: candidates = [.parameter, .resource]
        case .sub: candidates = ref.attribute == nil ? [.parameter, .resource] : [.resource]
        case .getAtt, .dependsOn: candidates = [.resource]
        case .condition: candidates = [.condition]
        case .findInMap: candidates = [.mapping]
        }
        let target = candidates.lazy.map { GraphNodeID(kind: $0, name: ref.target) }.first { index[$0] != nil }
        let edge = GraphEdge(from: from, to: target ?? GraphNodeID(kind: candidates.last!, name: ref.target),
                             kind: ref.kind, attribute: ref.attribute, range: ref.range, path: ref.path)
        guard let target, let f = index[from], let t = index[target] else {
            unresolved.append(edge)
            return
        }
        outgoing[f].append(edges.count)
        incoming[t].append(edges.count)
        edges.append(edge)
    }

    // MARK: Queries

    public func node(_ id: GraphNodeID) -> GraphNode? { index[id].map { nodes[$0] } }

    public func resource(_ name: String) -> GraphNode? { node(GraphNodeID(kind: .resource, name: name)) }

    /// Edges leaving `id` (what it depends on), in the order they are written.
    public func edges(from id: GraphNodeID) -> [GraphEdge] {
        guard let i = index[id] else { return [] }
        return outgoing[i].map { edges[$0] }
    }

    /// Edges arriving at `id` (what depends on it).
    public func edges(to id: GraphNodeID) -> [GraphEdge] {
        guard let i = index[id] else { return [] }
        return incoming[i].map { edges[$0] }
    }

    public var resources: [GraphNode] { nodes.filter { $0.kind == .resource } }

    /// Resource-to-resource dependencies as index lists over `resources`, for the planner and cycle search.
    /// `kinds` selects which edges count (all creation-ordering edges by default).
    func resourceAdjacency(kinds: Set<EdgeKind> = [.ref, .getAtt, .sub, .dependsOn]) -> (names: [GraphNode], dependsOn: [[(Int, Int)]]) {
        let resourceNodes = resources
        var position: [String: Int] = [:]
        for (i, r) in resourceNodes.enumerated() { position[r.name] = i }
        var dependsOn = [[(Int, Int)]](repeating: [], count: resourceNodes.count)
        for (i, r) in resourceNodes.enumerated() {
            guard let n = index[r.id] else { continue }
            for e in outgoing[n] where kinds.contains(edges[e].kind) && edges[e].to.kind == .resource {
                if let j = position[edges[e].to.name] { dependsOn[i].append((j, e)) }
            }
        }
        return (resourceNodes, dependsOn)
    }

    func edge(at i: Int) -> GraphEdge { edges[i] }

    func outgoingEdgeIndices(_ id: GraphNodeID) -> [Int] { index[id].map { outgoing[$0] } ?? [] }
}
