import CFNTemplate
import Foundation

/// A problem between a parent template and a nested stack's template.
public struct NestedStackFinding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case unknownParameter, missingParameter, missingOutput, childNotLoadable, cycle
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

/// Loads local nested-stack templates and checks what the parent passes and reads:
/// parameters passed must exist in the child, parameters without a Default must be passed, and
/// `Fn::GetAtt Stack.Outputs.Name` must name an output of the child. A nesting cycle is an error.
public struct NestedStackResolver {
    public let loader: TemplateLoader
    public private(set) var findings: [NestedStackFinding] = []

    public init(loader: TemplateLoader = TemplateLoader(limits: LoaderLimits(unknownTags: .longForm))) {
        self.loader = loader
    }

    /// True when a TemplateURL is a path on disk rather than an S3 or HTTPS location.
    public static func isLocalPath(_ url: String) -> Bool {
        !(url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("s3://"))
    }

    public mutating func resolve(_ template: Template) -> [NestedStack] {
        resolve(template, chain: [Self.canonical(template.path)])
    }

    private mutating func resolve(_ template: Template, chain: [String]) -> [NestedStack] {
        var result: [NestedStack] = []
        let directory = (template.path as NSString).deletingLastPathComponent
        let graph = DependencyGraph(template: template)
        for resource in template.resources where resource.type == "AWS::CloudFormation::Stack" {
            guard let urlNode = resource.properties?["TemplateURL"], let url = urlNode.text, Self.isLocalPath(url) else { continue }
            let childPath = url.hasPrefix("/") ? url : (directory.isEmpty ? url : (directory as NSString).appendingPathComponent(url))
            let canonical = Self.canonical(childPath)
            if let loopStart = chain.firstIndex(of: canonical) {
                let loop = (chain[loopStart...] + [canonical]).map { ($0 as NSString).lastPathComponent }
                findings.append(NestedStackFinding(kind: .cycle, file: template.path, range: urlNode.range,
                    message: "nested stacks form a cycle: \(loop.joined(separator: " -> "))"))
                result.append(NestedStack(logicalId: resource.logicalId, templatePath: childPath, template: nil, children: []))
                continue
            }
            let child: Template
            do {
                child = try Template.load(path: childPath, loader: loader)
            } catch {
                findings.append(NestedStackFinding(kind: .childNotLoadable, file: template.path, range: urlNode.range,
                    message: "nested stack '\(resource.logicalId)': \(error.description)"))
                result.append(NestedStack(logicalId: resource.logicalId, templatePath: childPath, template: nil, children: []))
                continue
            }
            check(parent: template, graph: graph, stack: resource, child: child)
            let grandchildren = resolve(child, chain: chain + [canonical])
            result.append(NestedStack(logicalId: resource.logicalId, templatePath: childPath, template: child, children: grandchildren))
        }
        return result
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

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
