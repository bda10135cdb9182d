import CFNTemplate

/// What a graph node stands for: one named entry of a template section.
public enum GraphNodeKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case parameter, mapping, condition, resource, output

    public static func < (a: GraphNodeKind, b: GraphNodeKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A node: a parameter, mapping, condition, resource or output, with where it is declared.
public struct GraphNode: Sendable, Hashable {
    public let kind: GraphNodeKind
    public let name: String
    /// The declaring key (`Queue:` under Resources).
    public let range: SourceRange
    /// For resources: the `Type`.
    public let resourceType: String?
    /// For resources and outputs: the `Condition` name, if any.
    public let condition: String?

    public var id: GraphNodeID { GraphNodeID(kind: kind, name: name) }
}

/// Parameters, resources and outputs may share a name (CloudFormation forbids it, the linter reports
/// it), so a node is identified by kind and name.
public struct GraphNodeID: Sendable, Hashable, CustomStringConvertible {
    public let kind: GraphNodeKind
    public let name: String

    public init(kind: GraphNodeKind, name: String) {
        self.kind = kind
        self.name = name
    }

    public var description: String { "\(kind.rawValue):\(name)" }
}

/// How one node refers to another.
public enum EdgeKind: String, Sendable, Hashable, CaseIterable {
    case ref = "Ref"
    case getAtt = "GetAtt"
    case sub = "Sub"
    case dependsOn = "DependsOn"
    case condition = "Condition"
    case findInMap = "FindInMap"

    /// Edges that order resource creation (a Condition or a mapping lookup does not).
    public var ordersCreation: Bool {
        switch self {
        case .ref, .getAtt, .sub, .dependsOn: return true
        case .condition, .findInMap: return false
        }
    }
}

/// `from` depends on `to` because of the reference written at `range` (JSON path `path`).
public struct GraphEdge: Sendable, Hashable {
    public let from: GraphNodeID
    public let to: GraphNodeID
    public let kind: EdgeKind
    /// The referenced attribute for GetAtt and `${X.Attr}` (`Arn`, `Endpoint.Address`).
    public let attribute: String?
    /// Where the reference is written: the Ref/GetAtt/Sub value, the DependsOn item, the Condition value.
    public let range: SourceRange
    /// Path from the template root to the reference, e.g. `["Resources", "Fn", "Properties", "Role"]`.
    public let path: [String]

    /// `Resources/Fn/Properties/Role`, as cfn-lint prints paths in messages.
    public var pathDescription: String { path.joined(separator: "/") }
}
