import CFNTemplate
import Foundation

/// Draws a dependency graph as Graphviz DOT, Mermaid or JSON. Edge styles differ by kind,
/// conditional resources are dashed, cycle edges red.
public struct GraphRenderer {
    public enum Format: String, Sendable, CaseIterable { case dot, mermaid, json }

    public let graph: DependencyGraph
    /// Node kinds to show; resources are always shown.
    public var include: Set<GraphNodeKind> = [.resource]

    public init(graph: DependencyGraph, include: Set<GraphNodeKind> = [.resource]) {
        self.graph = graph
        self.include = include.union([.resource])
    }

    private var shownNodes: [GraphNode] { graph.nodes.filter { include.contains($0.kind) } }

    private var shownEdges: [GraphEdge] {
        graph.edges.filter { include.contains($0.from.kind) && include.contains($0.to.kind) }
    }

    private var cycleEdges: Set<GraphEdge> {
        Set(graph.resourceCycles.flatMap(\.edges))
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .dot: return dot()
        case .mermaid: return mermaid()
        case .json: return json()
        }
    }

    public func dot() -> String {
        var out = "digraph template {\n  rankdir=BT;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n"
        for node in shownNodes {
            var attributes = ["label=\(quote(label(node)))", "shape=\(shape(node.kind))"]
            if node.condition != nil { attributes.append("style=dashed") }
            out += "  \(quote(node.id.description)) [\(attributes.joined(separator: ", "))];\n"
        }
        let red = cycleEdges
        for edge in shownEdges {
            var attributes = ["label=\(quote(edge.kind.rawValue + (edge.attribute.map { " .\($0)" } ?? "")))"]
            switch edge.kind {
            case .dependsOn: attributes.append("style=dashed")
            case .getAtt: attributes.append("style=bold")
            case .sub: attributes.append("style=dotted")
            case .condition, .findInMap: attributes.append("color=gray")
            case .ref: break
            }
            if red.contains(edge) { attributes.append("color=red"); attributes.append("fontcolor=red") }
            out += "  \(quote(edge.from.description)) -> \(quote(edge.to.description)) [\(attributes.joined(separator: ", "))];\n"
        }
        return out + "}\n"
    }

    public func mermaid() -> String {
        var ids: [GraphNodeID: String] = [:]
        for (i, node) in shownNodes.enumerated() { ids[node.id] = "n\(i)" }
        var out = "flowchart BT\n"
        for node in shownNodes {
            let text = label(node).replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "\n", with: "<br/>")
            let (open, close) = node.kind == .resource ? ("[", "]") : node.kind == .condition ? ("{", "}") : ("([", "])")
            out += "  \(ids[node.id]!)\(open)\"\(text)\"\(close)\n"
        }
        let red = cycleEdges
        var redIndices: [Int] = []
        for (i, edge) in shownEdges.enumerated() {
            guard let a = ids[edge.from], let b = ids[edge.to] else { continue }
            let arrow = edge.kind == .dependsOn ? "-.->" : edge.kind == .getAtt ? "==>" : "-->"
            out += "  \(a) \(arrow)|\(edge.kind.rawValue)| \(b)\n"
            if red.contains(edge) { redIndices.append(i) }
        }
        for node in shownNodes where node.condition != nil {
            out += "  style \(ids[node.id]!) stroke-dasharray: 5 5\n"
        }
        if !redIndices.isEmpty {
            out += "  linkStyle \(redIndices.map(String.init).joined(separator: ",")) stroke:red,color:red\n"
        }
        return out
    }

    public func json() -> String {
        let red = cycleEdges
        let nodes: [[String: Any]] = shownNodes.map { node in
            var d: [String: Any] = ["id": node.name, "kind": node.kind.rawValue,
                                    "line": node.range.start.line, "column": node.range.start.column]
            if let t = node.resourceType { d["type"] = t }
            if let c = node.condition { d["condition"] = c }
            return d
        }
        let edges: [[String: Any]] = shownEdges.map { edge in
            var d: [String: Any] = ["from": edge.from.name, "to": edge.to.name, "kind": edge.kind.rawValue,
                                    "fromKind": edge.from.kind.rawValue, "toKind": edge.to.kind.rawValue,
                                    "line": edge.range.start.line, "column": edge.range.start.column,
                                    "path": edge.path, "inCycle": red.contains(edge)]
            if let a = edge.attribute { d["attribute"] = a }
            return d
        }
        let document: [String: Any] = ["file": graph.template.path, "nodes": nodes, "edges": edges,
                                       "cycles": graph.resourceCycles.map(\.path)]
        return JSONWriter.string(document)
    }

    private func label(_ node: GraphNode) -> String {
        if let type = node.resourceType { return "\(node.name)\n\(type)" }
        return node.kind == .resource ? node.name : "\(node.name)\n(\(node.kind.rawValue))"
    }

    private func shape(_ kind: GraphNodeKind) -> String {
        switch kind {
        case .resource: return "box"
        case .parameter: return "ellipse"
        case .condition: return "diamond"
        case .mapping: return "folder"
        case .output: return "note"
        }
    }

    private func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
