import CFNIntrinsics
import CFNTemplate
import Foundation

/// Several templates deployed as separate stacks that share values through `Export` and
/// `Fn::ImportValue`: which stack must be deployed first, imports nobody exports, exports defined twice.
public struct StackSet: Sendable {
    public struct Stack: Sendable {
        public let name: String
        public let template: Template
    }

    /// An export or an import whose name could be worked out.
    public struct ExportReference: Sendable, Hashable {
        public let stack: String
        public let name: String
        public let range: SourceRange
    }

    public struct Finding: Sendable, Hashable {
        public enum Kind: String, Sendable { case unresolvedImport, duplicateExport, cycle }
        public let kind: Kind
        public let range: SourceRange
        public let message: String
    }

    public let stacks: [Stack]
    public let exports: [ExportReference]
    public let imports: [ExportReference]
    /// Stack names in deploy order, grouped in waves that can deploy in parallel.
    public let deployOrder: [[String]]
    public let findings: [Finding]

    /// - Parameters:
    ///   - stackNames: template path -> stack name; otherwise the file name without extension.
    ///   - region: the region export names are worked out in (`AWS::Region`); by default the
    ///     environment's, as the AWS CLI chooses it.
    public init(templates: [Template], stackNames: [String: String] = [:], region: String? = nil) {
        stacks = templates.map { t in
            Stack(name: stackNames[t.path] ?? ((t.path as NSString).lastPathComponent as NSString).deletingPathExtension, template: t)
        }
        var exports: [ExportReference] = []
        var imports: [ExportReference] = []
        for stack in stacks {
            let names = ExportNameResolver(template: stack.template, stackName: stack.name, region: region)
            for output in stack.template.outputs {
                guard let node = output.exportName, let name = names.resolve(node) else { continue }
                exports.append(ExportReference(stack: stack.name, name: name, range: node.range))
            }
            for node in ExportNameResolver.importArguments(in: stack.template.root) {
                if let name = names.resolve(node) {
                    imports.append(ExportReference(stack: stack.name, name: name, range: node.range))
                }
            }
        }
        var findings: [Finding] = []
        var exporter: [String: ExportReference] = [:]
        for export in exports {
            if let first = exporter[export.name] {
                findings.append(Finding(kind: .duplicateExport, range: export.range,
                    message: "export '\(export.name)' is also defined by stack '\(first.stack)' (\(first.range)); export names are unique per region"))
            } else {
                exporter[export.name] = export
            }
        }
        var dependsOn: [String: Set<String>] = [:]
        for i in imports {
            guard let e = exporter[i.name] else {
                findings.append(Finding(kind: .unresolvedImport, range: i.range,
                    message: "stack '\(i.stack)' imports '\(i.name)', which no stack here exports"))
                continue
            }
            if e.stack != i.stack { dependsOn[i.stack, default: []].insert(e.stack) }
        }
        // Waves of stacks, as resources are planned.
        var level: [String: Int] = [:]
        var remaining = Set(stacks.map(\.name))
        var waves: [[String]] = []
        while !remaining.isEmpty {
            let ready = stacks.map(\.name).filter { remaining.contains($0) && (dependsOn[$0] ?? []).allSatisfy { level[$0] != nil } }
            if ready.isEmpty {
                let stuck = stacks.map(\.name).filter { remaining.contains($0) }
                if let first = stacks.first(where: { $0.name == stuck[0] }) {
                    findings.append(Finding(kind: .cycle, range: first.template.root.range,
                        message: "stacks import from each other in a cycle: \(stuck.joined(separator: ", "))"))
                }
                waves.append(stuck)
                break
            }
            for name in ready { level[name] = waves.count; remaining.remove(name) }
            waves.append(ready)
        }
        self.exports = exports
        self.imports = imports
        self.deployOrder = waves
        self.findings = findings
    }
}

/// Works out export and import names with the intrinsic evaluator, as the stack would see them at
/// deploy time: parameter defaults, the stack's name and the region; names only known at deploy
/// time (a `Ref` to a resource, say) stay unresolved.
struct ExportNameResolver {
    let evaluator: Evaluator

    init(template: Template, stackName: String, region: String? = nil) {
        evaluator = Evaluator(template: template, context: EvaluationContext(region: region, stackName: stackName))
    }

    func resolve(_ node: Node) -> String? {
        let value = evaluator.evaluate(node)
        return value.isFullyKnown ? value.scalarText : nil
    }

    /// The argument of every `Fn::ImportValue` in the tree.
    static func importArguments(in node: Node) -> [Node] {
        var found: [Node] = []
        var pending = [node]
        while let n = pending.popLast() {
            switch n.value {
            case .scalar: continue
            case .sequence(let items): pending.append(contentsOf: items.reversed())
            case .mapping(let m):
                if m.count == 1, m.entries[0].key.name == "Fn::ImportValue" {
                    found.append(m.entries[0].value)
                } else {
                    pending.append(contentsOf: m.entries.map(\.value).reversed())
                }
            }
        }
        return found
    }
}
