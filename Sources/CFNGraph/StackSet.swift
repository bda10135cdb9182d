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

    /// - Parameter stackNames: template path -> stack name; otherwise the file name without extension.
    public init(templates: [Template], stackNames: [String: String] = [:]) {
        stacks = templates.map { t in
            Stack(name: stackNames[t.path] ?? ((t.path as NSString).lastPathComponent as NSString).deletingPathExtension, template: t)
        }
        var exports: [ExportReference] = []
        var imports: [ExportReference] = []
        for stack in stacks {
            let names = ExportNameResolver(template: stack.template, stackName: stack.name)
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

/// Works out export and import names written as literals, `Fn::Sub` or `Fn::Join` over literals,
/// `AWS::StackName`, `AWS::Region`, `AWS::AccountId` and parameter defaults.
struct ExportNameResolver {
    let template: Template
    let stackName: String
    var region = "us-east-1"
    var accountId = "123456789012"

    func resolve(_ node: Node) -> String? {
        if let text = node.text { return text }
        guard let (name, argument, _) = node.intrinsic else { return nil }
        switch name {
        case "Ref":
            return argument.text.flatMap(value(of:))
        case "Fn::Sub":
            let text: String?
            var locals: [String: String] = [:]
            if let items = argument.sequence {
                text = items.first?.text
                for entry in items.count > 1 ? items[1].mapping?.entries ?? [] : [] {
                    guard let v = resolve(entry.value) else { return nil }
                    locals[entry.key.name] = v
                }
            } else {
                text = argument.text
            }
            guard let text, let sub = try? SubString(parsing: text) else { return nil }
            var out = ""
            for part in sub.parts {
                switch part {
                case .literal(let s): out += s
                case .variable(let v, _):
                    guard let resolved = locals[v] ?? value(of: v) else { return nil }
                    out += resolved
                }
            }
            return out
        case "Fn::Join":
            guard let items = argument.sequence, items.count == 2, let separator = items[0].text,
                  let parts = items[1].sequence else { return nil }
            var values: [String] = []
            for p in parts {
                guard let v = resolve(p) else { return nil }
                values.append(v)
            }
            return values.joined(separator: separator)
        default:
            return nil
        }
    }

    private func value(of name: String) -> String? {
        switch name {
        case "AWS::StackName": return stackName
        case "AWS::Region": return region
        case "AWS::AccountId": return accountId
        case "AWS::Partition": return "aws"
        default: return template.parameter(name)?.defaultValue?.text
        }
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
