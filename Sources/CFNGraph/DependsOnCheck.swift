import CFNTemplate

/// Problems with a resource's DependsOn list, each at the DependsOn item that causes it.
public struct DependsOnFinding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The target is not a resource of the template.
        case missingTarget
        /// The same target is listed twice.
        case duplicateTarget
        /// A resource depends on itself.
        case selfDependency
        /// A Ref, GetAtt or Sub already makes the dependency (cfn-lint W3005).
        case redundant
        /// The target's condition can be false while the dependent exists (cfn-lint E3005).
        case conditionalTarget
        /// DependsOn is neither a string nor a list of strings.
        case invalidShape
    }

    public let kind: Kind
    public let resource: String
    public let target: String
    public let range: SourceRange
    public let path: [String]
    public let message: String
    /// For `.missingTarget`: the closest existing resource name.
    public let suggestion: String?
    /// For `.redundant`: the reference that already makes the dependency.
    public let implyingEdge: GraphEdge?
}

/// Checks every resource's DependsOn against the graph. `conditionCanBeFalseWhileTrue(a, b)` answers
/// "can condition `a` be false while `b` (nil: always) is true?"; the default is a syntactic check
/// (different or missing names), which the condition analysis of the evaluator can sharpen.
public struct DependsOnCheck: Sendable {
    public let graph: DependencyGraph
    public let targetMayBeAbsent: @Sendable (_ targetCondition: String, _ dependentCondition: String?) -> Bool

    public init(graph: DependencyGraph,
                targetMayBeAbsent: @escaping @Sendable (String, String?) -> Bool = { target, dependent in target != dependent }) {
        self.graph = graph
        self.targetMayBeAbsent = targetMayBeAbsent
    }

    public func findings() -> [DependsOnFinding] {
        var result: [DependsOnFinding] = []
        let template = graph.template
        let resourceNames = template.resources.map(\.logicalId)
        for resource in template.resources {
            guard let dependsOn = resource.dependsOnNode else { continue }
            let base = ["Resources", resource.logicalId, "DependsOn"]
            let isList = dependsOn.sequence != nil
            let items = dependsOn.sequence ?? [dependsOn]
            if dependsOn.mapping != nil || items.contains(where: { $0.text == nil }) {
                result.append(DependsOnFinding(kind: .invalidShape, resource: resource.logicalId, target: "",
                    range: dependsOn.range, path: base, message: "DependsOn must be a string or a list of strings",
                    suggestion: nil, implyingEdge: nil))
            }
            var seen: [String: SourceRange] = [:]
            let implied = graph.edges(from: GraphNodeID(kind: .resource, name: resource.logicalId))
                .filter { $0.kind == .ref || $0.kind == .getAtt || $0.kind == .sub }
            for (i, item) in items.enumerated() {
                guard let target = item.text else { continue }
                let path = isList ? base + [String(i)] : base
                func add(_ kind: DependsOnFinding.Kind, _ message: String, suggestion: String? = nil, edge: GraphEdge? = nil) {
                    result.append(DependsOnFinding(kind: kind, resource: resource.logicalId, target: target, range: item.range,
                                                   path: path, message: message, suggestion: suggestion, implyingEdge: edge))
                }
                if let first = seen[target] {
                    add(.duplicateTarget, "'\(target)' is listed twice in DependsOn (first at line \(first.start.line))")
                    continue
                }
                seen[target] = item.range
                if target == resource.logicalId {
                    add(.selfDependency, "'\(target)' depends on itself")
                    continue
                }
                guard let targetResource = template.resource(target) else {
                    let suggestion = Suggestions.closest(to: target, in: resourceNames)
                    add(.missingTarget, "DependsOn names '\(target)', which is not a resource of this template"
                        + (suggestion.map { "; did you mean '\($0)'?" } ?? ""), suggestion: suggestion)
                    continue
                }
                // One finding per reference that already makes the dependency (as cfn-lint reports them).
                for edge in implied where edge.to.name == target && edge.to.kind == .resource {
                    add(.redundant, "'\(target)' dependency already enforced by a '\(edge.kind.rawValue)' at '\(edge.pathDescription)'",
                        edge: edge)
                }
                if let targetCondition = targetResource.condition?.name,
                   targetMayBeAbsent(targetCondition, resource.condition?.name) {
                    add(.conditionalTarget, "'\(target)' will not exist when condition '\(targetCondition)' is False")
                }
            }
        }
        return result
    }
}

/// Closest-name suggestions ("did you mean").
public enum Suggestions {
    public static func closest(to name: String, in candidates: [String]) -> String? {
        let lower = name.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(lower, candidate.lowercased())
            if d <= max(2, name.count / 3), best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    /// Levenshtein distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
