import CFNSchema
import CFNTemplate

/// Evaluates template nodes the way CloudFormation does, in one context (parameter values,
/// region, account, stack name). Known values are computed; values only known at deploy time stay
/// symbolic. Errors are collected in `errors`, never thrown, so a linter can report many.
///
/// Creating an evaluator resolves and checks the parameters and, under `AWS::LanguageExtensions`,
/// expands every `Fn::ForEach`; `template` is the expanded template. Conditions are evaluated once,
/// on first use. Not thread-safe: use one evaluator per thread.
public final class Evaluator {
    /// The template being evaluated (after `Fn::ForEach` expansion).
    public let template: Template
    /// The template as given.
    public let sourceTemplate: Template
    public let context: EvaluationContext
    /// What `Ref` returns for each parameter.
    public let parameterValues: [String: Value]
    public var usesLanguageExtensions: Bool { sourceTemplate.usesLanguageExtensions }

    public private(set) var errors: [EvaluationError] = []

    enum ConditionState { case evaluating, done(Bool?) }
    /// Conditions reached again through a cycle already reported: unknown, without a second report.
    var conditionCycleCuts: Set<String> = []
    var conditionStates: [String: ConditionState] = [:]
    var conditionStack: [String] = []
    /// Schema lookups of GetAtt attribute types, by `Type.Attribute`.
    var attributeTypes: [String: String?] = [:]

    public convenience init(template: Template, context: EvaluationContext) {
        let (values, errors) = ParameterResolver(template: template, context: context).resolve()
        self.init(template: template, context: context, parameterValues: values, initialErrors: errors, expandLoops: true)
    }

    init(template: Template, context: EvaluationContext, parameterValues: [String: Value], initialErrors: [EvaluationError],
         expandLoops: Bool) {
        self.sourceTemplate = template
        self.context = context
        self.parameterValues = parameterValues
        if expandLoops, template.usesLanguageExtensions, ForEachExpander.containsLoop(template.root) {
            let pre = Evaluator(template: template, context: context, parameterValues: parameterValues, initialErrors: [],
                                expandLoops: false)
            var expander = ForEachExpander(evaluator: pre, limit: context.forEachLimit)
            let root = expander.expandTemplate(template.root)
            self.template = Template(root: root, path: template.path, file: template.file, format: template.format,
                                     byteCount: template.byteCount)
            self.errors = initialErrors + pre.errors + expander.errors
        } else {
            self.template = template
            self.errors = initialErrors
        }
    }

    func report(_ kind: EvaluationError.Kind, _ message: String, at range: SourceRange) {
        errors.append(EvaluationError(kind, message, at: range))
    }

    /// Errors so far, in file order without duplicates.
    public var sortedErrors: [EvaluationError] { errors.sortedByPosition() }

    // MARK: Evaluation

    /// The value of a node: scalars as they are, lists and mappings item by item (dropping
    /// `AWS::NoValue`), intrinsic functions applied.
    public func evaluate(_ node: Node) -> Value {
        switch node.value {
        case .scalar(let s):
            return Self.scalarValue(s, node.range)
        case .sequence(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items {
                let v = evaluate(item)
                if !v.isNoValue { out.append(v) }
            }
            return .list(out, node.range)
        case .mapping(let m):
            if let (name, argument, keyRange) = node.intrinsic, !(name == "Condition" && argument.text == nil) {
                return call(name, argument, node: node, keyRange: keyRange)
            }
            var entries: [Value.Entry] = []
            entries.reserveCapacity(m.count)
            for e in m.entries {
                if e.key.name.hasPrefix("Fn::ForEach::") {
                    report(.languageExtensionsRequired, "\(e.key.name) needs the AWS::LanguageExtensions transform", at: e.key.range)
                    continue
                }
                let v = evaluate(e.value)
                if !v.isNoValue { entries.append(Value.Entry(key: e.key.name, keyRange: e.key.range, value: v)) }
            }
            return Value(.map(entries), range: node.range)
        }
    }

    static func scalarValue(_ s: Scalar, _ range: SourceRange) -> Value {
        switch s.resolved.kind {
        case .string:
            if s.text.contains("{{resolve:") { return .symbolic(.dynamicReference(s.text), range) }
            return .string(s.text, range)
        case .integer, .float: return Value(.number(s.text), range: range)
        case .boolean: return .bool(s.text.lowercased() == "true", range)
        case .null: return Value(.null, range: range)
        }
    }

    /// Functions that need `AWS::LanguageExtensions`.
    static let languageExtensionFunctions: Set<String> = ["Fn::Length", "Fn::ToJsonString"]

    func call(_ name: String, _ argument: Node, node: Node, keyRange: SourceRange) -> Value {
        if Self.languageExtensionFunctions.contains(name), !usesLanguageExtensions {
            report(.languageExtensionsRequired, "\(name) needs the AWS::LanguageExtensions transform", at: keyRange)
        }
        switch name {
        case "Ref": return fnRef(argument, node)
        case "Fn::GetAtt": return fnGetAtt(argument, node)
        case "Fn::ImportValue": return fnImportValue(argument, node)
        case "Fn::GetAZs": return fnGetAZs(argument, node)
        case "Fn::FindInMap": return fnFindInMap(argument, node)
        case "Fn::If": return fnIf(argument, node)
        case "Fn::Equals": return fnEquals(argument, node)
        case "Fn::And", "Fn::Or": return fnAndOr(name, argument, node)
        case "Fn::Not": return fnNot(argument, node)
        case "Condition": return fnCondition(argument, node)
        case "Fn::Select": return fnSelect(argument, node)
        case "Fn::Join": return fnJoin(argument, node)
        case "Fn::Split": return fnSplit(argument, node)
        case "Fn::Sub": return fnSub(argument, node)
        case "Fn::Base64": return fnBase64(argument, node)
        case "Fn::Cidr": return fnCidr(argument, node)
        case "Fn::Length": return fnLength(argument, node)
        case "Fn::ToJsonString": return fnToJsonString(argument, node)
        case "Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn": return fnRuleMembership(name, argument, node)
        case "Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll", "Fn::Transform", "Fn::GetStackOutput":
            // Known only to CloudFormation (account contents, macros): kept as written.
            return .function(name, evaluate(argument), node.range)
        case _ where name.hasPrefix("Fn::ForEach::"):
            report(.languageExtensionsRequired, "\(name) needs the AWS::LanguageExtensions transform", at: keyRange)
            return .function(name, evaluate(argument), node.range)
        default:
            report(.unknownFunction, "unknown intrinsic function \(name)", at: keyRange)
            return .function(name, evaluate(argument), node.range)
        }
    }

    // MARK: Argument helpers

    /// The items of a list argument with a count in `counts`, or nil (and an error).
    func arguments(_ name: String, _ argument: Node, _ counts: ClosedRange<Int>, _ shape: String) -> [Node]? {
        guard let items = argument.sequence else {
            report(.wrongArgumentType, "\(name) takes a list \(shape), not \(Self.article(argument.kindName))", at: argument.range)
            return nil
        }
        guard counts.contains(items.count) else {
            let expected = counts.lowerBound == counts.upperBound ? "\(counts.lowerBound)" : "\(counts.lowerBound) to \(counts.upperBound)"
            report(.wrongArgumentCount, "\(name) takes \(expected) arguments \(shape), not \(items.count)", at: argument.range)
            return nil
        }
        return items
    }

    static func article(_ kind: String) -> String {
        kind == "object" || kind == "integer" ? "an \(kind)" : "a \(kind)"
    }

    /// A string argument (numbers and booleans count, as CloudFormation reads them as strings).
    /// nil: symbolic (no error) or wrong type (error reported, `failed` set).
    func stringArgument(_ value: Value, _ what: String, failed: inout Bool) -> String? {
        if let t = value.scalarText { return t }
        if value.isSymbolic { return nil }
        report(.wrongArgumentType, "\(what) must be a string, not \(value.kindName)", at: value.range)
        failed = true
        return nil
    }
}
