import CFNGraph
import CFNIntrinsics
import CFNSchema
import CFNTemplate
import Foundation

/// A condition taken as true or false where a node sits: the resource's or output's
/// `Condition`, and the branch of every enclosing `Fn::If`.
public struct ConditionAssumption: Sendable, Hashable {
    public var name: String
    public var value: Bool

    public init(_ name: String, _ value: Bool) {
        self.name = name
        self.value = value
    }
}

/// One intrinsic function call found in the template (`{"Ref": x}`, `{"Fn::Sub": ...}`, ...).
public struct FunctionCall: Sendable {
    /// `Ref`, `Condition`, `Fn::GetAtt`, `Fn::ForEach::Name`, ...
    public let name: String
    public let argument: Node
    /// The single-key mapping `{name: argument}`.
    public let node: Node
    public let keyRange: SourceRange
    /// Where cfn-lint points for this call (the function key, or for a YAML short-form tag the
    /// enclosing key or list item), with the path ending in the function name.
    public let location: Location
    /// The node holding the call: the key or list item it is the value of (cfn-lint points here
    /// for some rules), with the path without the function name.
    public let holder: Location
    /// Top-level section (`Resources`, `Outputs`, ...).
    public let section: String
    /// The section entry the call is in (resource logical id, output name, ...).
    public let owner: String?
    /// Conditions assumed where the call sits (resource/output Condition, enclosing Fn::If branches).
    public let assumptions: [ConditionAssumption]
    /// The nearest enclosing function, if any.
    public let parent: String?
    /// The outermost enclosing function other than `Fn::If` (or this one): cfn-lint reports a
    /// problem inside a nested function under the outer function's rule.
    public let root: String
    /// True when the call is inside a resource's `Properties` (or SAM `Globals`).
    public let inProperties: Bool
    /// True when the call is inside a resource's `Metadata`.
    public let inResourceMetadata: Bool
}

/// A string scalar the walk noticed: one containing `${`, or one equal to a pseudo parameter name.
public struct NotableString: Sendable {
    public let text: String
    public let node: Node
    public let location: Location
    public let section: String
    /// Inside an `Fn::Sub` (any depth), or any other function.
    public let insideSub: Bool
    public let parent: String?
}

/// Optional capabilities supplied by higher layers (the evaluator, the dependency graph) once
/// they exist; rules that need them skip their check while they are nil.
public struct LintHooks: Sendable {
    /// Whether the conditions in `assumptions` can all hold together (nil: unknown).
    public var conditionsSatisfiable: (@Sendable (_ template: Template, _ assumptions: [ConditionAssumption]) -> Bool?)?

    public init(conditionsSatisfiable: (@Sendable (Template, [ConditionAssumption]) -> Bool?)? = nil) {
        self.conditionsSatisfiable = conditionsSatisfiable
    }
}

/// Everything a rule sees about one template: the model, the regions, the schemas, and
/// indexes computed once per file (function calls, notable strings, SAM-generated names).
public final class LintContext: Sendable {
    public let template: Template
    public let regions: [String]
    public let schemas: SchemaRegistry
    public let hooks: LintHooks
    /// `YYYY-MM-DD`, for date-dependent rules (Lambda runtime deprecation).
    public let today: String
    public let calls: [FunctionCall]
    public let strings: [NotableString]
    public let sam: SAMModel?
    /// Problems in intrinsic function calls, each attributed to the rule cfn-lint reports it under.
    public let functionProblems: [FunctionProblem]
    /// The dependency graph (every Fn::If branch counts), for cycle and DependsOn rules.
    public let graph: DependencyGraph
    /// Results derived once per file and shared by several rules (e.g. property validation).
    let memo = ContextMemo()

    public init(template: Template, regions: [String] = ["us-east-1"], schemas: SchemaRegistry = .bundled,
                hooks: LintHooks = LintHooks(), today: String = LintContext.currentDate()) {
        self.template = template
        self.regions = regions.isEmpty ? ["us-east-1"] : regions
        self.schemas = schemas
        self.hooks = hooks
        self.today = today
        var walker = TemplateWalker()
        walker.walk(template)
        calls = walker.calls
        strings = walker.strings
        let sam = template.isServerless ? SAMModel(template) : nil
        self.sam = sam
        var checks = FunctionChecks(template: template, sam: sam, regions: self.regions, schemas: schemas)
        functionProblems = checks.run(walker.calls)
        graph = DependencyGraph(template: template)
    }

    public static func currentDate() -> String {
        let now = Date()
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }

    public static let pseudoParameters: Set<String> = [
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
        "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    ]

    /// A resource logical id, or (with the SAM transform) a name SAM generates.
    public func isResource(_ name: String) -> Bool {
        if template.resource(name) != nil { return true }
        return sam?.generates(name) ?? false
    }

    /// Names `Ref` accepts: parameters, resources, pseudo parameters.
    public func isRefTarget(_ name: String) -> Bool {
        Self.pseudoParameters.contains(name) || template.parameter(name) != nil || isResource(name)
    }

    /// Whether the conditions in `assumptions` can all hold together: the hook when one is set,
    /// else the file's `ConditionAnalysis` (built on first use, once per file). Nil when unknown.
    public func conditionsSatisfiable(_ assumptions: [ConditionAssumption]) -> Bool? {
        if let hook = hooks.conditionsSatisfiable { return hook(template, assumptions) }
        if assumptions.isEmpty { return true }
        let analysis = memo.value("conditionAnalysis") { SharedConditionAnalysis(template: template) }
        return analysis.isSatisfiable(assumptions)
    }

    /// cfn-lint's location for a section entry: its key.
    public func location(section: String, entry key: MappingKey) -> Location {
        Location(key.range, [.key(section), .key(key.name)])
    }

    /// The range of a top-level section's key (for findings about a whole section).
    public func sectionKey(_ name: String) -> MappingKey? {
        template.root.mapping?.entry(name)?.key
    }
}

/// The resources the SAM transform generates, so Refs and GetAtts to them are not reported.
public struct SAMModel: Sendable {
    public private(set) var exact: Set<String> = ["ServerlessRestApi", "ServerlessHttpApi", "ServerlessDeploymentApplication"]
    /// Logical ids of SAM resources: SAM derives generated names from them (`<Function>Role`,
    /// `<Function><Event>Permission`, `<Api><Stage>Stage`, `<Api>Deployment<hash>` ...).
    public private(set) var prefixes: [String] = []

    public init(_ template: Template) {
        for r in template.resources {
            guard let type = r.type, type.hasPrefix("AWS::Serverless::") else { continue }
            prefixes.append(r.logicalId)
            let id = r.logicalId
            switch type {
            case "AWS::Serverless::Function":
                exact.insert(id + "Role")
                exact.insert(id + "Version")
                if let alias = r.properties?["AutoPublishAlias"]?.text { exact.insert(id + "Alias" + alias) }
            case "AWS::Serverless::StateMachine":
                exact.insert(id + "Role")
            case "AWS::Serverless::Api", "AWS::Serverless::HttpApi":
                if let stage = r.properties?["StageName"]?.text { exact.insert(id + stage + "Stage") }
            default: break
            }
        }
    }

    public func generates(_ name: String) -> Bool {
        if exact.contains(name) || name.hasPrefix("ServerlessRestApi") || name.hasPrefix("ServerlessHttpApi") { return true }
        return prefixes.contains { name.count > $0.count && name.hasPrefix($0) }
    }
}

/// One pass over the node tree collecting function calls and notable strings with their
/// paths, cfn-lint locations and condition assumptions.
struct TemplateWalker {
    var calls: [FunctionCall] = []
    var strings: [NotableString] = []
    private var path: [PathElement] = []
    private var assumptions: [ConditionAssumption] = []
    private var functions: [String] = []
    private var section = ""
    private var owner: String?
    private var inProperties = false
    private var inResourceMetadata = false

    mutating func walk(_ template: Template) {
        guard let top = template.root.mapping else { return }
        for entry in top.entries {
            section = entry.key.name
            path = [.key(section)]
            if let m = entry.value.mapping, section != "Transform" {
                for item in m.entries {
                    owner = item.key.name
                    path.append(.key(item.key.name))
                    assumptions = []
                    if section == "Resources" || section == "Outputs", let c = item.value["Condition"]?.text {
                        assumptions = [ConditionAssumption(c, true)]
                    }
                    if section == "Resources", let body = item.value.mapping {
                        for field in body.entries {
                            path.append(.key(field.key.name))
                            inProperties = field.key.name == "Properties"
                            inResourceMetadata = field.key.name == "Metadata"
                            visit(field.value, anchor: field.key.range)
                            inProperties = false
                            inResourceMetadata = false
                            path.removeLast()
                        }
                    } else {
                        inProperties = section == "Globals"
                        visit(item.value, anchor: item.key.range)
                        inProperties = false
                    }
                    path.removeLast()
                }
                owner = nil
            } else {
                owner = nil
                visit(entry.value, anchor: entry.key.range)
            }
        }
    }

    private mutating func visit(_ node: Node, anchor: SourceRange, isItem: Bool = false) {
        switch node.value {
        case .scalar(let s):
            let t = s.text
            if t.utf8.count >= 3, t.containsSubVariable || LintContext.pseudoParameters.contains(t) {
                strings.append(NotableString(text: t, node: node, location: Location(anchor, path), section: section,
                                             insideSub: functions.contains { $0 == "Fn::Sub" }, parent: functions.last))
            }
        case .sequence(let items):
            for (i, item) in items.enumerated() {
                path.append(.index(i))
                // A short-form tag item (`- !Ref X`) points at the list's key, as cfn-lint reports it.
                let tagItem = item.mapping.map { $0.count == 1 && $0.entries[0].key.range.start == $0.entries[0].value.range.start } ?? false
                visit(item, anchor: tagItem ? anchor : item.range, isItem: true)
                path.removeLast()
            }
        case .mapping(let m):
            if m.count == 1, IntrinsicNames.isIntrinsicKey(m.entries[0].key.name) {
                let entry = m.entries[0]
                let fromTag = entry.key.range.start == entry.value.range.start && !entry.key.range.isSynthetic
                let here = fromTag ? anchor : entry.key.range
                path.append(.key(entry.key.name))
                calls.append(FunctionCall(
                    name: entry.key.name, argument: entry.value, node: node, keyRange: entry.key.range,
                    location: Location(here, path), holder: Location(isItem ? node.range : anchor, Array(path.dropLast())), section: section, owner: owner, assumptions: assumptions,
                    parent: functions.last, root: functions.first { $0 != "Fn::If" } ?? entry.key.name,
                    inProperties: inProperties, inResourceMetadata: inResourceMetadata))
                functions.append(entry.key.name)
                if entry.key.name == "Fn::If", let args = entry.value.sequence, args.count == 3, let c = args[0].text {
                    path.append(.index(0))
                    visit(args[0], anchor: args[0].range)
                    path.removeLast()
                    for (i, value) in [(1, true), (2, false)] {
                        path.append(.index(i))
                        assumptions.append(ConditionAssumption(c, value))
                        visit(args[i], anchor: args[i].range)
                        assumptions.removeLast()
                        path.removeLast()
                    }
                } else {
                    visit(entry.value, anchor: here)
                }
                functions.removeLast()
                path.removeLast()
                return
            }
            for entry in m.entries {
                path.append(.key(entry.key.name))
                let fromTag = entry.key.range.start == entry.value.range.start && !entry.key.range.isSynthetic
                visit(entry.value, anchor: fromTag ? anchor : entry.key.range)
                path.removeLast()
            }
        }
    }
}

/// Per-file results computed on first use and shared between rules (thread-safe).
final class ContextMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Any] = [:]

    func value<T>(_ key: String, _ compute: () -> T) -> T {
        if let v = lock.withLock({ values[key] }) as? T { return v }
        let v = compute()
        lock.withLock { values[key] = v }
        return v
    }
}

/// One `ConditionAnalysis` per file, built on first use and queried under a lock (rules may run
/// on different threads).
final class SharedConditionAnalysis: @unchecked Sendable {
    private let template: Template
    private let lock = NSLock()
    private var analysis: ConditionAnalysis?

    init(template: Template) { self.template = template }

    /// False only when exactly known to be unsatisfiable; unknown condition names give nil.
    func isSatisfiable(_ assumptions: [ConditionAssumption]) -> Bool? {
        guard assumptions.allSatisfy({ template.condition($0.name) != nil }) else { return nil }
        return lock.withLock {
            if analysis == nil { analysis = ConditionAnalysis(template: template) }
            return analysis!.isSatisfiable(assumptions.map { (condition: $0.name, value: $0.value) }).value
        }
    }
}
