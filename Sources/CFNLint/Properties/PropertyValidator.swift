import CFNSchema
import CFNTemplate
import Foundation

/// One schema violation: the rule id cfn-lint reports it under, the message and where.
struct PropertyProblem: Sendable {
    var ruleId: String
    var message: String
    var location: Location
}

/// The JSON-schema (draft-07 plus the CloudFormation extensions cfn-lint's schemas use)
/// validator, run over template nodes with their positions. CloudFormation value rules:
/// `"10"` and `10` are the same value, booleans may be `"true"`/`"false"`, `AWS::NoValue`
/// removes a property or list item, `Fn::If` is validated branch by branch, and other
/// intrinsic functions are validated only as far as their result is knowable.
struct PropertyValidator {
    let template: Template
    let schemas: SchemaRegistry
    let region: String
    /// Property paths (relative to `Properties`, slash-joined) where a string stands for a local
    /// file that `aws cloudformation package` uploads (W3002 reports them; not a type error here).
    var packagePaths: [String] = []
    /// Parameters the template's conditions test: where they are used, the default may be
    /// excluded by a condition, so W1030 does not judge them.
    var conditionParameters: Set<String> = []
    /// The resource type being validated (some format checks depend on it).
    var resourceType = ""
    /// Conditions assumed for the whole resource (its `Condition`).
    var contextAssumptions: [ConditionAssumption] = []
    /// Whether conditions can hold together (the file's ConditionAnalysis); scenarios that cannot
    /// are not judged.
    var satisfiable: @Sendable ([ConditionAssumption]) -> Bool = { _ in true }

    /// `Resources/<AWS::EC2::LaunchTemplate>/Properties/LaunchTemplateData/ImageId`, where cfn-lint
    /// accepts `resolve:ssm:` image ids.
    func isLaunchTemplateImage(_ path: [PathElement]) -> Bool {
        resourceType == "AWS::EC2::LaunchTemplate" && path.count == 5
            && path[3] == .key("LaunchTemplateData") && path[4] == .key("ImageId")
    }

    /// The functions CloudFormation evaluates in resource properties; other single-key
    /// mappings (`Fn::Rain::Embed`, ...) are plain objects.
    static let valueFunctions: Set<String> = [
        "Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::FindInMap", "Fn::GetAZs",
        "Fn::If", "Fn::Base64", "Fn::Cidr", "Fn::ImportValue", "Fn::Transform", "Fn::Length", "Fn::ToJsonString",
        "Fn::GetStackOutput",
    ]

    /// The function call a node is, if it is one CloudFormation evaluates in properties.
    static func function(_ node: Node) -> (name: String, argument: Node, keyRange: SourceRange)? {
        guard let fn = node.intrinsic, valueFunctions.contains(fn.name) else { return nil }
        return fn
    }

    /// Rule ids per keyword.
    static let ruleIds: [String: String] = [
        "type": "E3012", "additionalProperties": "E3002", "required": "E3003", "enum": "E3030", "const": "E3030",
        "pattern": "E3031", "minItems": "E3032", "maxItems": "E3032", "minLength": "E3033", "maxLength": "E3033",
        "minimum": "E3034", "maximum": "E3034", "uniqueItems": "E3037", "requiredXor": "E3014",
        "dependentExcluded": "E3020", "dependentRequired": "E3021", "requiredOr": "E3058", "anyOf": "E3017",
        "oneOf": "E3018", "not": "E3002", "minProperties": "E3032", "maxProperties": "E3032",
    ]

    // MARK: Values

    /// What a node is, as far as validation can tell.
    enum Shape {
        case string(String)
        case number(Double, text: String)
        case boolean(Bool, text: String)
        case null
        case array([Node])
        case object(Mapping)
        /// A function whose result is of a known JSON type, or nil when unknowable.
        case function(name: String, result: JSONType?)
    }

    func shape(_ node: Node) -> Shape {
        switch node.value {
        case .scalar(let s):
            let r = s.resolved
            switch r.kind {
            case .null: return .null
            case .boolean: return .boolean(s.text.lowercased() == "true", text: s.text)
            case .integer, .float: return .number(Double(s.text) ?? 0, text: s.text)
            case .string: return .string(s.text)
            }
        case .sequence(let items): return .array(items)
        case .mapping(let m):
            if let fn = Self.function(node) { return .function(name: fn.name, result: functionResult(fn.name, fn.argument)) }
            return .object(m)
        }
    }

    /// The JSON type a function returns, when knowable.
    func functionResult(_ name: String, _ argument: Node) -> JSONType? {
        switch name {
        case "Fn::Join", "Fn::Sub", "Fn::Base64", "Fn::ToJsonString", "Fn::ImportValue": return .string
        case "Fn::GetAZs", "Fn::Split", "Fn::Cidr": return .array
        case "Fn::Length": return .integer
        case "Ref":
            guard let target = argument.text else { return nil }
            if target == "AWS::NotificationARNs" { return .array }
            if LintContext.pseudoParameters.contains(target) { return .string }
            if let p = template.parameter(target), let t = p.type {
                if t.hasPrefix("List<") || t == "CommaDelimitedList" { return .array }
                if t.hasPrefix("AWS::SSM::Parameter::Value<List<") || t == "AWS::SSM::Parameter::Value<CommaDelimitedList>" { return .array }
                return nil  // String/Number parameters convert; judged on their values below
            }
            if template.resource(target) != nil { return .string }
            return nil
        case "Fn::GetAtt":
            var parts: [String] = []
            if let s = argument.text {
                guard let dot = s.firstIndex(of: ".") else { return nil }
                parts = [String(s[..<dot]), String(s[s.index(after: dot)...])]
            } else if let list = argument.sequence, list.count == 2, let a = list[0].text, let b = list[1].text {
                parts = [a, b]
            }
            guard parts.count == 2, let r = template.resource(parts[0]), let type = r.type,
                  schemas.typeKind(type) == .aws, let info = schemas.resourceType(type, region: region) else { return nil }
            return info.schema.attributeType(parts[1])
        default: return nil
        }
    }

    static func isNoValue(_ node: Node) -> Bool {
        guard let fn = node.intrinsic, fn.name == "Ref" else { return false }
        return fn.argument.text == "AWS::NoValue"
    }

    /// A value CloudFormation drops before validating: `Ref AWS::NoValue`, or a YAML/JSON null
    /// (cfn-lint reads `Key:` with no value as if the key were absent: `required` fails, the
    /// type is not judged; a null list item is skipped).
    static func isAbsent(_ node: Node) -> Bool {
        isNoValue(node) || node.scalar?.resolved.kind == .null
    }

    /// `Fn::If` with an `AWS::NoValue` branch: the property may be absent.
    static func mayBeNoValue(_ node: Node) -> Bool {
        guard let fn = node.intrinsic, fn.name == "Fn::If", let args = fn.argument.sequence, args.count == 3 else { return false }
        return isNoValue(args[1]) || isNoValue(args[2]) || mayBeNoValue(args[1]) || mayBeNoValue(args[2])
    }

    static func isDynamicReference(_ text: String) -> Bool { text.contains("{{resolve:") }

    // MARK: Validation

    func validate(_ node: Node, _ schema: SchemaNode, at loc: Location, into out: inout [PropertyProblem]) {
        if schema.isFalse {
            out.append(PropertyProblem(ruleId: "E3002", message: "False schema does not allow \(FunctionChecks.describe(node))", location: loc))
            return
        }
        let shape = shape(node)
        if case .function(let name, let result) = shape {
            validateFunction(node, name: name, result: result, schema, at: loc, into: &out)
            return
        }
        if let r = schema.ref { validate(node, r, at: loc, into: &out) }
        if !schema.types.isEmpty, !typeMatches(node, shape, schema.types) {
            if case .string = shape, !packagePaths.isEmpty, isPackagePath(loc.path) { return }
            let names = schema.types.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            report("type", "\(FunctionChecks.describe(node)) is not of type \(names)", loc, &out)
            return  // other keywords would only repeat the problem
        }
        switch shape {
        case .object(let m): validateObject(node, m, schema, at: loc, into: &out)
        case .array(let items): validateArray(node, items, schema, at: loc, into: &out)
        case .string(let s): validateScalar(node, text: s, isString: true, number: nil, schema, at: loc, into: &out)
        case .number(let d, let text): validateScalar(node, text: text, isString: false, number: d, schema, at: loc, into: &out)
        case .boolean(_, let text): validateScalar(node, text: text, isString: false, number: nil, schema, at: loc, into: &out)
        case .null, .function: break
        }
        validateCombinators(node, schema, at: loc, into: &out)
    }

    private func isPackagePath(_ path: [PathElement]) -> Bool {
        guard path.count > 3 else { return false }
        let rel = path.dropFirst(3).map(\.description).joined(separator: "/")
        return packagePaths.contains(rel)
    }

    private func report(_ keyword: String, _ message: String, _ loc: Location, _ out: inout [PropertyProblem]) {
        out.append(PropertyProblem(ruleId: Self.ruleIds[keyword] ?? "E3002", message: message, location: loc))
    }

    /// cfn-lint's non-strict type check, plus YAML 1.1 oddities (`yes`, `0x10`, `1_000`) reported
    /// where a boolean or a number is expected.
    func typeMatches(_ node: Node, _ shape: Shape, _ types: [JSONType]) -> Bool {
        types.contains { t in
            switch (t, shape) {
            case (.object, .object), (.array, .array), (.null, .null): return true
            case (.object, _), (.array, _), (.null, _): return false
            case (_, .object), (_, .array), (_, .null): return false
            case (.string, _): return true
            case (.boolean, .boolean): return true
            case (.boolean, .string(let s)): return ["true", "false", "True", "False"].contains(s)
            case (.integer, .number(let d, _)): return d.isFinite
            case (.integer, .string(let s)):
                if node.scalar?.resolved.isYAML11Ambiguous == true { return false }
                return Int(s.trimmingCharacters(in: .whitespaces)) != nil
            case (.number, .number): return true
            case (.number, .string(let s)):
                if node.scalar?.resolved.isYAML11Ambiguous == true { return false }
                let t = s.trimmingCharacters(in: .whitespaces)
                return Double(t) != nil && !t.lowercased().contains("x")
            case (.integer, .boolean), (.number, .boolean): return false
            case (_, .function): return true
            default: return false
            }
        }
    }

    private func validateFunction(_ node: Node, name: String, result: JSONType?, _ schema: SchemaNode,
                                  at loc: Location, into out: inout [PropertyProblem]) {
        guard let fn = Self.function(node) else { return }
        let fnLoc = Location(fn.keyRange, loc.path + [.key(name)])
        if name == "Fn::If" {
            guard let args = fn.argument.sequence, args.count == 3 else { return }
            for i in 1...2 where !Self.isNoValue(args[i]) {
                let itemLoc = Location(anchor(args[i], fallback: loc.range), fnLoc.path + [.index(i)])
                validate(args[i], schema, at: itemLoc, into: &out)
            }
            return
        }
        if name == "Ref", fn.argument.text == "AWS::NoValue" { return }
        // Only results whose type is certain are judged: list parameters and list functions where a
        // single value is expected, string functions where a list is expected. GetAtt types are
        // E1010's concern, as in cfn-lint.
        let expected = schema.effectiveTypes
        guard name != "Fn::GetAtt" else { return }
        if let result, !expected.isEmpty, !functionTypeCompatible(result, expected) {
            let names = expected.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            report("type", "\(FunctionChecks.describe(node)) is not of type \(names)", loc, &out)
            return
        }
        if let ruleId = Self.resolvedRuleIds[name] {
            let fromTag = fn.keyRange.start == fn.argument.range.start
            let at = Location(fromTag ? loc.range : fn.keyRange, loc.path + [.key(name)])
            checkResolvedValues(node, name: name, ruleId: ruleId, schema, at: at, into: &out)
            return
        }
        if name == "Ref", let target = fn.argument.text, let p = template.parameter(target),
           let type = p.type, !type.hasPrefix("List<"), type != "CommaDelimitedList", !type.hasPrefix("AWS::SSM::"),
           !conditionParameters.contains(target), let d = p.defaultValue?.scalar {
            let fromTag = fn.keyRange.start == fn.argument.range.start
            let at = Location(fromTag ? loc.range : fn.keyRange, loc.path + [.key("Ref")])
            let defaultAt = Location(p.defaultValue?.range ?? fn.keyRange, [.key("Parameters"), .key(target), .key("Default")])
            checkResolved(d.text, described: FunctionChecks.describe(node), function: "Ref", schema, at: at, patternAt: defaultAt, into: &out)
        }
    }

    /// The rules reporting values a function resolves to that the schema rejects.
    static let resolvedRuleIds: [String: String] = [
        "Fn::Sub": "W1031", "Fn::Join": "W1032", "Fn::FindInMap": "W1034", "Fn::Select": "W1035", "Fn::GetAZs": "W1036",
    ]

    /// W1031 ... W1036: the values a function can resolve to (parameter defaults, pseudo
    /// parameters, mappings, each Fn::If branch) validated against the schema; reported only when
    /// none of them is valid, with the problems of the last one, as cfn-lint does.
    private func checkResolvedValues(_ node: Node, name: String, ruleId: String, _ schema: SchemaNode,
                                     at loc: Location, into out: inout [PropertyProblem]) {
        let resolver = ValueResolver(template: template, schemas: schemas, region: region, conditionParameters: conditionParameters)
        let values = resolver.resolve(node)
        guard !values.isEmpty else { return }
        var last: [PropertyProblem] = []
        var lastValue = values[0]
        for v in values {
            var scratch: [PropertyProblem] = []
            validate(v, schema, at: loc, into: &scratch)
            if scratch.isEmpty { return }
            last = scratch
            lastValue = v
        }
        let valueText = FunctionChecks.describe(lastValue)
        let fnText = FunctionChecks.describe(node)
        for p in last {
            let message = p.message.replacingOccurrences(of: valueText, with: fnText)
            out.append(PropertyProblem(ruleId: ruleId, message: "\(message) when '\(name)' is resolved", location: loc))
        }
    }

    /// W1030: a parameter's default checked against the schema where the parameter is referenced.
    /// Pattern problems are reported at the parameter's Default (`patternAt`), naming the property,
    /// as cfn-lint does.
    private func checkResolved(_ value: String, described: String, function: String, _ schema: SchemaNode,
                               at loc: Location, patternAt: Location, into out: inout [PropertyProblem]) {
        checkResolved(value, described: described, function: function, schema, at: loc, patternAt: Optional(patternAt), into: &out)
    }

    private func checkResolved(_ value: String, described: String, function: String, _ schema: SchemaNode,
                               at loc: Location, patternAt: Location?, into out: inout [PropertyProblem]) {
        var nodes: [SchemaNode] = [schema]
        var s = schema
        while let r = s.ref { nodes.append(r); s = r }
        let suffix = " when '\(function)' is resolved"
        func add(_ m: String) { out.append(PropertyProblem(ruleId: "W1030", message: described + m + suffix, location: loc)) }
        for n in nodes {
            if let values = n.enumValues, !values.isEmpty, !values.contains(where: { Self.scalarEquals(value, number: Double(value), $0) }) {
                add(" is not one of \(Self.pyList(values))")
            }
            if let p = n.pattern, PatternCache.shared.matches(p, value) == false {
                if let patternAt {
                    let property = loc.path.dropLast().map(\.description).joined(separator: "/")
                    out.append(PropertyProblem(ruleId: "W1030", message: "\(described) does not match \(Formats.pyString(p))\(suffix) at '\(property)'",
                                               location: patternAt))
                } else {
                    add(" does not match '\(p)'")
                }
            }
            if let m = n.minLength, value.count < m { add(" is shorter than \(m)") }
            if let m = n.maxLength, value.count > m { add(" is longer than \(m)") }
            if let f = n.format {
                for failure in Formats.failures(f, value, described: described, launchTemplateImage: isLaunchTemplateImage(loc.path)) {
                    out.append(PropertyProblem(ruleId: "W1030", message: failure.message + suffix, location: loc))
                }
            }
        }
    }

    /// Whether a function's result type may stand where `expected` types are allowed
    /// (CloudFormation converts strings to numbers and booleans where the value allows).
    func functionTypeCompatible(_ result: JSONType, _ expected: [JSONType]) -> Bool {
        expected.contains { e in
            switch (result, e) {
            case (.array, .array), (.object, .object): return true
            case (.array, _), (_, .array), (.object, _), (_, .object): return false
            default: return true
            }
        }
    }

    /// Where cfn-lint points for a list item: the item itself.
    private func anchor(_ node: Node, fallback: SourceRange) -> SourceRange {
        node.range.isSynthetic ? fallback : node.range
    }

    private func validateObject(_ node: Node, _ m: Mapping, _ schema: SchemaNode, at loc: Location, into out: inout [PropertyProblem]) {
        // AWS::NoValue (or null) removes the property before anything else is checked.
        var present: [Mapping.Entry] = []
        for e in m.entries where !Self.isAbsent(e.value) { present.append(e) }
        for e in present {
            let key = e.key.name
            let childLoc = Location(e.key.range, loc.path + [.key(key)])
            var matched = false
            if let p = schema.properties[key] {
                validate(e.value, p, at: childLoc, into: &out)
                matched = true
            }
            for (pattern, s) in schema.patternProperties where PatternCache.shared.matches(pattern, key) == true {
                validate(e.value, s, at: childLoc, into: &out)
                matched = true
            }
            if matched { continue }
            if key == "Fn::Transform" || key.hasPrefix("Fn::ForEach::") { continue }
            switch schema.additional {
            case .allowed: break
            case .forbidden:
                if schema.properties.isEmpty && schema.patternProperties.isEmpty && schema.ref != nil { break }
                report("additionalProperties", "Additional properties are not allowed ('\(key)' was unexpected)", childLoc, &out)
            case .schema(let s): validate(e.value, s, at: childLoc, into: &out)
            }
        }
        // The keywords about which properties are present are judged per condition scenario: each
        // satisfiable assignment of the conditions of the Fn::If values directly in this object
        // (cfn-lint's group keywords, at most 128 scenarios), so `A: !If [C, x, NoValue]` beside
        // `B: !If [C, NoValue, y]` is exactly one of A and B.
        let conditions = Self.conditionsUsed(in: present)
        if conditions.isEmpty || conditions.count > 7 {
            let optional = Set(present.filter { Self.mayBeNoValue($0.value) }.map(\.key.name))
            validatePresence(node, present, optional: optional, schema, at: loc, into: &out)
            return
        }
        for bits in 0..<(1 << conditions.count) {
            let scenario = conditions.enumerated().map { ConditionAssumption($0.element, bits & (1 << $0.offset) == 0) }
            guard satisfiable(contextAssumptions + scenario) else { continue }
            let kept = present.filter { Self.resolve($0.value, scenario) != nil }
            validatePresence(node, kept, optional: [], schema, at: loc, into: &out)
        }
    }

    /// The conditions of the `Fn::If` values directly in these entries (and in their branches).
    static func conditionsUsed(in entries: [Mapping.Entry]) -> [String] {
        var out: [String] = []
        func visit(_ node: Node) {
            guard let fn = node.intrinsic, fn.name == "Fn::If", let args = fn.argument.sequence, args.count == 3,
                  let c = args[0].text else { return }
            if !out.contains(c) { out.append(c) }
            visit(args[1])
            visit(args[2])
        }
        for e in entries { visit(e.value) }
        return out
    }

    /// The value `node` takes in a scenario through `Fn::If`; nil when it is absent (NoValue, null).
    static func resolve(_ node: Node, _ scenario: [ConditionAssumption]) -> Node? {
        if isAbsent(node) { return nil }
        guard let fn = node.intrinsic, fn.name == "Fn::If", let args = fn.argument.sequence, args.count == 3,
              let c = args[0].text, let a = scenario.first(where: { $0.name == c }) else { return node }
        return resolve(args[a.value ? 1 : 2], scenario)
    }

    /// required, requiredXor, requiredOr, min/maxProperties and the dependency keywords over the
    /// properties present (`optional`: present but possibly AWS::NoValue, when not judged by scenario).
    private func validatePresence(_ node: Node, _ present: [Mapping.Entry], optional: Set<String>, _ schema: SchemaNode,
                                  at loc: Location, into out: inout [PropertyProblem]) {
        let names = Set(present.map(\.key.name))
        for r in schema.required where !names.contains(r) || optional.contains(r) {
            report("required", "'\(r)' is a required property", loc, &out)
        }
        if let n = schema.minProperties, present.count < n {
            report("minProperties", "\(FunctionChecks.describe(node)) should be non-empty", loc, &out)
        }
        if let n = schema.maxProperties, present.count > n {
            report("maxProperties", "\(FunctionChecks.describe(node)) has too many properties", loc, &out)
        }
        if let xor = schema.requiredXor {
            let found = present.filter { xor.contains($0.key.name) }
            let message = "Only one of \(Self.pyList(xor)) is a required property"
            if found.isEmpty {
                report("requiredXor", message, loc, &out)
            } else if found.count > 1 {
                for e in found { report("requiredXor", message, Location(e.key.range, loc.path + [.key(e.key.name)]), &out) }
            }
        }
        if let or = schema.requiredOr, !or.contains(where: names.contains) {
            report("requiredOr", "One of \(Self.pyList(or)) is a required property", loc, &out)
        }
        for (k, excluded) in schema.dependentExcluded where names.contains(k) {
            for x in excluded where names.contains(x) {
                let at = present.first { $0.key.name == x }.map { Location($0.key.range, loc.path + [.key(x)]) } ?? loc
                report("dependentExcluded", "'\(x)' should not be included with '\(k)'", at, &out)
            }
        }
        for (k, needed) in schema.dependentRequired where names.contains(k) {
            for x in needed where !names.contains(x) {
                report("dependentRequired", "'\(x)' is a dependency of '\(k)'", loc, &out)
            }
        }
        for (k, dep) in schema.dependencies where names.contains(k) {
            switch dep {
            case .properties(let needed):
                for x in needed where !names.contains(x) {
                    report("dependentRequired", "'\(x)' is a dependency of '\(k)'", loc, &out)
                }
            case .schema(let s): validate(node, s, at: loc, into: &out)
            }
        }
    }

    private func validateArray(_ node: Node, _ items: [Node], _ schema: SchemaNode, at loc: Location, into out: inout [PropertyProblem]) {
        let kept = items.enumerated().filter { !Self.isAbsent($0.element) }
        for (i, item) in kept {
            let itemSchema = i < schema.prefixItems.count ? schema.prefixItems[i] : schema.items
            guard let itemSchema else { continue }
            validate(item, itemSchema, at: Location(anchor(item, fallback: loc.range), loc.path + [.index(i)]), into: &out)
        }
        // Lengths and uniqueness are judged only on literal lists (an Fn::If item may expand either way).
        let literal = !kept.contains { $0.element.intrinsic?.name == "Fn::If" }
        if literal, let n = schema.minItems, kept.count < n {
            report("minItems", kept.isEmpty ? "\(FunctionChecks.describe(node)) should be non-empty" : "\(FunctionChecks.describe(node)) is too short", loc, &out)
        }
        if literal, let n = schema.maxItems, kept.count > n {
            report("maxItems", "\(FunctionChecks.describe(node)) is too long", loc, &out)
        }
        if literal, schema.uniqueItems {
            var seen = Set<String>()
            for (_, item) in kept {
                let key = Self.canonical(item)
                if !seen.insert(key).inserted {
                    report("uniqueItems", "\(FunctionChecks.describe(node)) has non-unique elements", loc, &out)
                    break
                }
            }
        }
    }

    private func validateScalar(_ node: Node, text: String, isString: Bool, number: Double?, _ schema: SchemaNode,
                                at loc: Location, into out: inout [PropertyProblem]) {
        let dynamic = isString && Self.isDynamicReference(text)
        if let values = schema.enumValues, !dynamic, !values.isEmpty {
            if !values.contains(where: { Self.scalarEquals(text, number: number, $0) }) {
                report("enum", "\(FunctionChecks.describe(node)) is not one of \(Self.pyList(values))", loc, &out)
            }
        }
        if let c = schema.constValue, !dynamic, !Self.scalarEquals(text, number: number, c) {
            report("const", "\(Self.pyRepr(c)) was expected", loc, &out)
        }
        if isString, !dynamic, let f = schema.format {
            for failure in Formats.failures(f, text, described: FunctionChecks.describe(node), launchTemplateImage: isLaunchTemplateImage(loc.path)) {
                out.append(PropertyProblem(ruleId: failure.ruleId, message: failure.message, location: loc))
            }
        }
        if isString, !dynamic {
            if let p = schema.pattern, PatternCache.shared.matches(p, text) == false {
                report("pattern", "\(FunctionChecks.describe(node)) does not match '\(p)'", loc, &out)
            }
            let length = text.count
            if let n = schema.minLength, length < n {
                report("minLength", "\(FunctionChecks.describe(node)) is shorter than \(n)", loc, &out)
            }
            if let n = schema.maxLength, length > n {
                report("maxLength", "\(FunctionChecks.describe(node)) is longer than \(n)", loc, &out)
            }
        }
        if let d = number {
            if let m = schema.minimum, d < m { report("minimum", "\(text) is less than the minimum of \(Self.num(m))", loc, &out) }
            if let m = schema.maximum, d > m { report("maximum", "\(text) is greater than the maximum of \(Self.num(m))", loc, &out) }
            if let m = schema.exclusiveMinimum, d <= m { report("minimum", "\(text) is less than or equal to the minimum of \(Self.num(m))", loc, &out) }
            if let m = schema.exclusiveMaximum, d >= m { report("maximum", "\(text) is greater than or equal to the maximum of \(Self.num(m))", loc, &out) }
        }
    }

    private func validateCombinators(_ node: Node, _ schema: SchemaNode, at loc: Location, into out: inout [PropertyProblem]) {
        for s in schema.allOf { validate(node, s, at: loc, into: &out) }
        if !schema.anyOf.isEmpty {
            // cfn-lint reports the format rules' problems of every failed alternative with anyOf's own.
            var branchFormats: [PropertyProblem] = []
            var anyValid = false
            for branch in schema.anyOf {
                var scratch: [PropertyProblem] = []
                validate(node, branch, at: loc, into: &scratch)
                if scratch.isEmpty { anyValid = true; break }
                branchFormats += scratch.filter { Formats.ruleIds.contains($0.ruleId) }
            }
            if !anyValid {
                report("anyOf", "\(FunctionChecks.describe(node)) is not valid under any of the given schemas", loc, &out)
                out += branchFormats
            }
        }
        // oneOf: only "none matches" is reported; branches told apart by formats this validator
        // does not check could otherwise all match and give a false "valid under each of".
        if !schema.oneOf.isEmpty, !schema.oneOf.contains(where: { isValid(node, $0, loc) }) {
            report("oneOf", "\(FunctionChecks.describe(node)) is not valid under any of the given schemas", loc, &out)
        }
        if let n = schema.not, isValid(node, n, loc), !(n.required.isEmpty && n.types.isEmpty && n.enumValues == nil && n.anyOf.isEmpty) {
            report("not", "\(FunctionChecks.describe(node)) should not be valid under the given schema", loc, &out)
        }
        if let i = schema.ifSchema {
            if isValid(node, i, loc) {
                if let t = schema.thenSchema { validate(node, t, at: loc, into: &out) }
            } else if let e = schema.elseSchema {
                validate(node, e, at: loc, into: &out)
            }
        }
    }

    func isValid(_ node: Node, _ schema: SchemaNode, _ loc: Location) -> Bool {
        var scratch: [PropertyProblem] = []
        validate(node, schema, at: loc, into: &scratch)
        return scratch.isEmpty
    }

    // MARK: Formatting helpers (Python reprs, as cfn-lint prints them)

    static func pyRepr(_ v: JSONValue) -> String {
        switch v {
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return num(d)
        case .string(let s): return "'\(s)'"
        case .array(let a): return "[" + a.map(pyRepr).joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.map { "'\($0.key)': \(pyRepr($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    static func pyList(_ names: [String]) -> String { "[" + names.map { "'\($0)'" }.joined(separator: ", ") + "]" }
    static func pyList(_ values: [JSONValue]) -> String { "[" + values.map(pyRepr).joined(separator: ", ") + "]" }

    static func num(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }

    /// `"10"` equals `10`, `"true"` equals `true`.
    static func scalarEquals(_ text: String, number: Double?, _ v: JSONValue) -> Bool {
        switch v {
        case .string(let s): return s == text
        case .int, .double:
            let d = number ?? Double(text)
            return d != nil && d == v.doubleValue
        case .bool(let b): return text.lowercased() == (b ? "true" : "false")
        default: return false
        }
    }

    /// A text key equal for equal values (uniqueItems).
    static func canonical(_ node: Node) -> String {
        switch node.value {
        case .scalar(let s): return "s:" + s.text
        case .sequence(let items): return "[" + items.map(canonical).joined(separator: ",") + "]"
        case .mapping(let m): return "{" + m.entries.map { $0.key.name + "=" + canonical($0.value) }.joined(separator: ",") + "}"
        }
    }
}
