import CFNIntrinsics
import CFNTemplate
import Foundation

/// What a pack rule looks at.
public enum PackTarget: Sendable, Equatable {
    /// Resources whose type matches one of the patterns.
    case resources([String])
    case parameters
    case outputs
    /// The whole template (its root mapping).
    case template
}

/// How a rule treats a value that is not known until deployment.
public enum UnknownPolicy: String, Sendable {
    /// Neither a pass nor a failure: no finding (the default).
    case skip
    /// Reported, with a note that the value could not be checked.
    case fail
}

/// A rule read from a rule-pack file: metadata, what it applies to, a condition, its examples.
public struct PackRule: LintRule {
    public let info: RuleInfo
    public let pack: String
    public let target: PackTarget
    /// Paths from each target entry to the items checked one by one (none: the entry itself).
    public let forEach: [PackPath]
    public let when: PackCondition?
    public let assertion: PackCondition
    public let unknown: UnknownPolicy
    /// The finding's message; `{name}` (the entry's name), `{type}` and `{path}` are filled in.
    public let message: String
    public let fix: String?
    public let failing: [RuleExample]
    public let passing: [RuleExample]
    /// Where the rule was read from.
    public let file: String
    public let position: SourcePosition
    /// `file:line:col` of the rule.
    public var origin: String { "\(file):\(position.line):\(position.column)" }

    let typePatterns: [TypePattern]
    let messageHasPlaceholders: Bool

    public init(info: RuleInfo, pack: String, target: PackTarget, forEach: [PackPath], when: PackCondition?,
                assertion: PackCondition, unknown: UnknownPolicy, message: String, fix: String?,
                failing: [RuleExample], passing: [RuleExample], file: String, position: SourcePosition) {
        self.info = info
        self.pack = pack
        self.target = target
        self.forEach = forEach
        self.when = when
        self.assertion = assertion
        self.unknown = unknown
        self.message = message
        self.fix = fix
        self.failing = failing
        self.passing = passing
        self.file = file
        self.position = position
        messageHasPlaceholders = message.utf8.contains(UInt8(ascii: "{"))
        if case .resources(let types) = target { typePatterns = types.map(TypePattern.init) } else { typePatterns = [] }
    }

    /// At most this many `Fn::If` conditions in one entry are explored branch by branch (2^n
    /// combinations); past it, `Fn::If` values count as unknown.
    static let maxBranchConditions = 6

    public func check(_ context: LintContext, _ out: inout Findings) {
        var seen = Set<SeenFinding>()
        for model in EvaluatedTemplate.models(context) {
            for entry in model.entries(for: target, types: typePatterns) {
                evaluate(entry, model, &out, &seen)
            }
        }
    }

    private func evaluate(_ entry: EvaluatedTemplate.Entry, _ model: EvaluatedTemplate, _ out: inout Findings, _ seen: inout Set<SeenFinding>) {
        // The worlds: every combination of the Fn::If conditions inside the entry, with the
        // entry's own Condition taken as true.
        var fixed: [String: Bool] = [:]
        if let c = entry.condition { fixed[c] = true }
        let free = entry.ifConditions.filter { fixed[$0] == nil }
        var worlds: [[String: Bool]] = [fixed]
        if !free.isEmpty && free.count <= Self.maxBranchConditions {
            worlds = []
            for bits in 0..<(1 << free.count) {
                var w = fixed
                for (i, c) in free.enumerated() { w[c] = bits & (1 << i) != 0 }
                worlds.append(w)
            }
        }
        for world in worlds {
            let state = PackEvaluation(model: model, world: world, entryName: entry.name)
            let root = PackHit(node: entry.node, location: entry.location)
            var items: [PackHit] = []
            if forEach.isEmpty { items = [root] } else {
                for p in forEach { items += state.navigate(p, from: root).hits }
            }
            let reached = state.consulted
            for item in items {
                state.consulted = reached
                if !forEach.isEmpty {
                    state.entryName = item.location.path.reversed().first { if case .key = $0 { return true } else { return false } }?.description ?? entry.name
                }
                var truth: Truth = .yes
                var blame: Location?
                if let when {
                    let (w, _) = state.evaluate(when, at: item)
                    if w == .no { continue }
                    let (a, b) = state.evaluate(assertion, at: item)
                    // when => assert, in three-valued logic.
                    truth = a == .yes ? .yes : (w == .unknown || a == .unknown ? .unknown : .no)
                    blame = b
                } else {
                    (truth, blame) = state.evaluate(assertion, at: item)
                }
                if truth == .yes || (truth == .unknown && unknown == .skip) { continue }
                let at = blame ?? item.location
                var text = render(entry, at)
                let branches = state.consulted.filter { world[$0] != nil && $0 != entry.condition }.sorted()
                if !branches.isEmpty {
                    text += " (when " + branches.map { "condition \($0) is \(world[$0]! ? "true" : "false")" }.joined(separator: " and ") + ")"
                }
                if truth == .unknown { text += " (value not known until deployment)" }
                if let fix { text += ". Fix: \(fix)" }
                if seen.insert(SeenFinding(start: at.range.start, path: at.path, message: text)).inserted { out.add(text, at: at) }
            }
        }
    }

    private func render(_ entry: EvaluatedTemplate.Entry, _ at: Location) -> String {
        guard messageHasPlaceholders else { return message }
        var out = ""
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[open...]
            if after.hasPrefix("{name}") { out += entry.name; rest = after.dropFirst(6) }
            else if after.hasPrefix("{type}") { out += entry.type ?? ""; rest = after.dropFirst(6) }
            else if after.hasPrefix("{path}") { out += at.path.slashed; rest = after.dropFirst(6) }
            else { out += "{"; rest = after.dropFirst() }
        }
        return out + rest
    }
}

struct SeenFinding: Hashable {
    var start: SourcePosition
    var path: [PathElement]
    var message: String
}

/// The template as a pack rule sees it: evaluated for one region of the lint context
/// (parameters stay symbolic, conditions known from the region are applied, `Fn::If` on an
/// unknown condition kept for branch-by-branch checks). Intrinsic functions are evaluated when a
/// rule reaches them, each once per file and region.
///
/// Not thread-safe: it belongs to one file's `LintContext`, whose rules run one after another.
final class EvaluatedTemplate: @unchecked Sendable {
    struct Entry {
        var name: String
        var type: String?
        var node: Node
        var location: Location
        /// The entry's own `Condition`, when its value is not known.
        var condition: String?
        /// Names of the conditions (not known here) of the `Fn::If` calls inside the entry.
        var ifConditions: [String]
    }

    let template: Template
    private(set) var resourceTypes: [String] = []
    private(set) var resources: [Entry] = []
    private(set) var parameters: [Entry] = []
    private(set) var outputs: [Entry] = []
    private let evaluator: Evaluator
    private var evaluated: [SourceRange: Node] = [:]
    private var conditionValues: [String: Bool?] = [:]

    init(_ context: LintContext, region: String) {
        let evaluationContext = EvaluationContext(region: region, parameterPolicy: .symbolic, registry: context.schemas)
        evaluator = Evaluator(template: context.template, context: evaluationContext)
        template = evaluator.template
        var types: [String] = []
        for e in template.root["Resources"]?.mapping?.entries ?? [] {
            guard let entry = self.entry(e, section: "Resources", type: e.value["Type"]?.text) else { continue }
            if let t = entry.type { types.append(t) }
            resources.append(entry)
        }
        resourceTypes = types
        parameters = (template.root["Parameters"]?.mapping?.entries ?? []).compactMap { self.entry($0, section: "Parameters", type: $0.value["Type"]?.text) }
        outputs = (template.root["Outputs"]?.mapping?.entries ?? []).compactMap { self.entry($0, section: "Outputs", type: nil) }
    }

    /// A named condition's value in this region (nil: not known until deployment).
    func condition(_ name: String) -> Bool? {
        if let v = conditionValues[name] { return v }
        let v = evaluator.conditionValue(named: name)
        conditionValues[name] = v
        return v
    }

    /// An intrinsic function call evaluated (symbolic values print back as functions).
    func evaluate(_ node: Node) -> Node {
        if node.range.isSynthetic { return evaluator.evaluate(node).toNode() }
        if let n = evaluated[node.range] { return n }
        let n = evaluator.evaluate(node).toNode()
        evaluated[node.range] = n
        return n
    }

    /// An entry, or nil when its Condition is false in this region.
    private func entry(_ e: Mapping.Entry, section: String, type: String?) -> Entry? {
        var condition = section == "Parameters" ? nil : e.value["Condition"]?.text
        if let c = condition {
            switch self.condition(c) {
            case false?: return nil
            case true?: condition = nil
            case nil: break
            }
        }
        let ifs = section == "Parameters" ? [] : Self.ifConditions(in: e.value).filter { self.condition($0) == nil }
        return Entry(name: e.key.name, type: type, node: e.value, location: Location(e.key.range, [.key(section), .key(e.key.name)]),
                     condition: condition, ifConditions: ifs)
    }

    static func ifConditions(in node: Node) -> [String] {
        var names: [String] = []
        var stack = [node]
        while let n = stack.popLast() {
            switch n.value {
            case .scalar: break
            case .sequence(let items): stack += items
            case .mapping(let m):
                if m.count == 1, m.entries[0].key.name == "Fn::If", let c = m.entries[0].value.sequence?.first?.text, !names.contains(c) {
                    names.append(c)
                }
                for e in m.entries { stack.append(e.value) }
            }
        }
        return names
    }

    func entries(for target: PackTarget, types: [TypePattern]) -> [Entry] {
        switch target {
        case .resources:
            return resources.filter { r in r.type.map { t in types.contains { $0.matches(t) } } ?? false }
        case .parameters:
            return parameters
        case .outputs:
            return outputs
        case .template:
            return [Entry(name: template.path, type: nil, node: template.root, location: Location(.synthetic, []),
                          condition: nil, ifConditions: [])]
        }
    }

    /// The evaluated template for each region of the context, computed on first use.
    static func models(_ context: LintContext) -> [EvaluatedTemplate] {
        context.shared.value("packs.evaluated") {
            context.regions.map { EvaluatedTemplate(context, region: $0) }
        }
    }
}
