import CFNTemplate
import CFNGraph

/// Every name a template declares (parameters, mappings, conditions, resources, outputs) and every
/// place it is used, each with the exact range of the name itself: navigation, find references and
/// rename all read this one index.
///
/// The uses come from `DependencyGraph`'s edges (Ref, both GetAtt forms, Sub variables, DependsOn,
/// Condition, FindInMap), so the server and `cfnkit graph` agree on what references what. An edge
/// records the node it was written in; the name's own range inside it (the `Bucket` of
/// `!GetAtt Bucket.Arn`, each `${Bucket}` of a Sub string) is found in the document's text.
struct ReferenceIndex: Sendable {
    struct Occurrence: Sendable {
        var id: GraphNodeID
        /// The name only (no quotes, no `${`, no `.Attr`).
        var range: SourceRange
        /// The declaring key rather than a use.
        var isDefinition: Bool
        /// How a use refers (nil for the definition).
        var kind: EdgeKind?
        var attribute: String?
    }

    private(set) var occurrences: [Occurrence] = []
    private(set) var definitions: [GraphNodeID: Occurrence] = [:]
    let graph: DependencyGraph

    init(template: Template, text: PositionConverter) {
        graph = DependencyGraph(template: template)
        for node in graph.nodes {
            let range = text.occurrences(of: node.name, in: node.range).first ?? node.range
            let occurrence = Occurrence(id: node.id, range: range, isDefinition: true, kind: nil, attribute: nil)
            definitions[node.id] = occurrence
            occurrences.append(occurrence)
        }
        // One Sub string yields one edge per variable, all with the string's range: search each
        // (string, name) once and take every `${name}` in it.
        var searched: Set<String> = []
        for edge in graph.edges + graph.unresolved {
            let key = "\(edge.range.start)-\(edge.range.end):\(edge.to.name):\(edge.kind == .sub)"
            if edge.kind == .sub && !searched.insert(key).inserted { continue }
            let ranges = text.occurrences(of: edge.to.name, in: edge.range, subVariable: edge.kind == .sub)
            for range in edge.kind == .sub ? ranges : Array(ranges.prefix(1)) {
                occurrences.append(Occurrence(id: edge.to, range: range, isDefinition: false, kind: edge.kind, attribute: edge.attribute))
            }
        }
        occurrences.sort { $0.range.start < $1.range.start }
    }

    /// The declaration or use whose name contains `position` (its end included, where editors put
    /// the cursor after typing a name).
    func occurrence(at position: SourcePosition) -> Occurrence? {
        occurrences.first { $0.range.start <= position && position <= $0.range.end }
    }

    /// The declaration and every use of `id`, in document order.
    func occurrences(of id: GraphNodeID) -> [Occurrence] {
        occurrences.filter { $0.id == id }
    }

    /// Names of one kind, for completion and clash checks.
    func names(_ kind: GraphNodeKind) -> [String] {
        graph.nodes.filter { $0.kind == kind }.map(\.name)
    }
}
