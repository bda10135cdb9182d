import CFNTemplate
import Foundation

/// A problem between a parent template and a nested stack's template.
public struct NestedStackFinding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case unknownParameter, missingParameter, missingOutput, childNotLoadable, cycle, tooDeep
    }

    public let kind: Kind
    /// The parent template's file and the position in it the finding points at.
    public let file: String
    public let range: SourceRange
    public let message: String
}

/// An `AWS::CloudFormation::Stack` whose TemplateURL is a local file, with the child's own template
/// and, recursively, its nested stacks.
public struct NestedStack: Sendable {
    public let logicalId: String
    public let templatePath: String
    public let template: Template?
    public let children: [NestedStack]
}

/// Loads local nested-stack templates (through `NestedTemplateLoader`) and checks what the parent
/// passes and reads: parameters passed must exist in the child, parameters without a Default must be
/// passed, and `Fn::GetAtt Stack.Outputs.Name` must name an output of the child. A nesting cycle and
/// nesting deeper than `Limits.nestedStackDepth` are errors. The walk is iterative.
public struct NestedStackResolver {
    public let nestedLoader: NestedTemplateLoader
    public var loader: TemplateLoader { nestedLoader.loader }
    public private(set) var findings: [NestedStackFinding] = []

    public init(loader: TemplateLoader = TemplateLoader(limits: LoaderLimits(unknownTags: .longForm)),
                source: any TemplateSource = WorkingTreeSource()) {
        nestedLoader = NestedTemplateLoader(source: source, loader: loader)
    }

    /// True when a TemplateURL is a path on disk rather than an S3 or HTTPS location.
    public static func isLocalPath(_ url: String) -> Bool { NestedTemplateLoader.isLocalPath(url) }

    /// The nested stacks of `template`, each with its own nested stacks.
    public mutating func resolve(_ template: Template) -> [NestedStack] {
        // Flat records in visiting order (a parent before its children), assembled bottom-up at the end.
        struct Record { let logicalId: String; let path: String; let template: Template?; let parent: Int? }
        var records: [Record] = []
        var pending: [(template: Template, chain: [String], record: Int?)] = [(template, [nestedLoader.identity(of: template.path)], nil)]
        while let item = pending.popLast() {
            let parent = item.template, chain = item.chain, parentRecord = item.record
            let graph = DependencyGraph(template: parent)
            var children: [(template: Template, chain: [String], record: Int?)] = []
            for resource in parent.resources where resource.type == "AWS::CloudFormation::Stack" {
                guard let urlNode = resource.properties?["TemplateURL"], let url = urlNode.text, Self.isLocalPath(url) else { continue }
                let path = NestedTemplateLoader.childPath(url, parent: parent.path)
                switch nestedLoader.load(url: url, parent: parent.path, chain: chain, at: urlNode.range) {
                case .success(let (child, identity)):
                    check(parent: parent, graph: graph, stack: resource, child: child)
                    records.append(Record(logicalId: resource.logicalId, path: path, template: child, parent: parentRecord))
                    children.append((child, chain + [identity], records.count - 1))
                case .failure(let error):
                    let kind: NestedStackFinding.Kind = switch error.kind {
                        case .notLoadable: .childNotLoadable
                        case .cycle: .cycle
                        case .tooDeep: .tooDeep
                    }
                    let message = error.kind == .notLoadable ? "nested stack '\(resource.logicalId)': \(error.message)" : error.message
                    findings.append(NestedStackFinding(kind: kind, file: parent.path, range: urlNode.range, message: message))
                    records.append(Record(logicalId: resource.logicalId, path: path, template: nil, parent: parentRecord))
                }
            }
            pending.append(contentsOf: children.reversed())
        }
        // Children come after their parent, so building from the end finds every child built.
        var built: [[NestedStack]] = Array(repeating: [], count: records.count)
        var roots: [NestedStack] = []
        for index in records.indices.reversed() {
            let record = records[index]
            let stack = NestedStack(logicalId: record.logicalId, templatePath: record.path, template: record.template,
                                    children: built[index].reversed())
            built[index] = []
            if let parent = record.parent { built[parent].append(stack) } else { roots.append(stack) }
        }
        return roots.reversed()
    }

    private mutating func check(parent: Template, graph: DependencyGraph, stack: Resource, child: Template) {
        let passed = stack.properties?["Parameters"]?.mapping
        for entry in passed?.entries ?? [] where child.parameter(entry.key.name) == nil {
            let suggestion = Suggestions.closest(to: entry.key.name, in: child.parameters.map(\.name))
            findings.append(NestedStackFinding(kind: .unknownParameter, file: parent.path, range: entry.key.range,
                message: "nested stack '\(stack.logicalId)' passes parameter '\(entry.key.name)', which \(child.path) does not declare"
                    + (suggestion.map { "; did you mean '\($0)'?" } ?? "")))
        }
        // Parameters passed as a whole through an intrinsic cannot be checked.
        if stack.properties?["Parameters"]?.intrinsic == nil {
            for parameter in child.parameters where parameter.defaultValue == nil && passed?[parameter.name] == nil {
                findings.append(NestedStackFinding(kind: .missingParameter, file: parent.path, range: stack.key.range,
                    message: "nested stack '\(stack.logicalId)' does not pass '\(parameter.name)', which \(child.path) requires (no Default)"))
            }
        }
        for edge in graph.edges(to: GraphNodeID(kind: .resource, name: stack.logicalId)) {
            guard edge.kind == .getAtt || edge.kind == .sub, let attribute = edge.attribute, attribute.hasPrefix("Outputs.") else { continue }
            let output = String(attribute.dropFirst("Outputs.".count))
            if child.output(output) == nil {
                findings.append(NestedStackFinding(kind: .missingOutput, file: parent.path, range: edge.range,
                    message: "'\(stack.logicalId).\(attribute)': \(child.path) has no output '\(output)'"))
            }
        }
    }
}
