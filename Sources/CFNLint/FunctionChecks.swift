import CFNIntrinsics
import CFNSchema
import CFNTemplate

/// A problem in an intrinsic function call and the rule id it is reported under.
public struct FunctionProblem: Sendable {
    public var ruleId: String
    public var message: String
    public var location: Location
}

/// The rule each intrinsic function's problems are reported under.
enum FunctionRuleIds {
    static let byFunction: [String: String] = [
        "Ref": "E1020", "Fn::GetAtt": "E1010", "Fn::FindInMap": "E1011", "Fn::GetAZs": "E1015",
        "Fn::ImportValue": "E1016", "Fn::Select": "E1017", "Fn::Split": "E1018", "Fn::Sub": "E1019",
        "Fn::Base64": "E1021", "Fn::Join": "E1022", "Fn::Cidr": "E1024", "Fn::If": "E1028",
        "Fn::Length": "E1030", "Fn::ToJsonString": "E1031", "Fn::GetStackOutput": "E1033",
        "Fn::Equals": "E8003", "Fn::And": "E8004", "Fn::Not": "E8005", "Fn::Or": "E8006", "Condition": "E8002",
    ]

    static func ruleId(for call: FunctionCall) -> String? {
        if call.section == "Outputs", call.location.path.count > 2, call.location.path[2] == .key("Value") {
            return "E6101"
        }
        if call.root.hasPrefix("Fn::ForEach") { return "E1032" }
        return byFunction[call.root]
    }
}

/// Validates the shape and targets of every intrinsic function call found by the walk.
struct FunctionChecks {
    let template: Template
    let sam: SAMModel?
    let regions: [String]
    let schemas: SchemaRegistry
    private var problems: [FunctionProblem] = []

    init(template: Template, sam: SAMModel?, regions: [String], schemas: SchemaRegistry) {
        self.template = template
        self.sam = sam
        self.regions = regions
        self.schemas = schemas
    }

    func isResource(_ name: String) -> Bool {
        template.resource(name) != nil || (sam?.generates(name) ?? false)
    }

    func isRefTarget(_ name: String) -> Bool {
        LintContext.pseudoParameters.contains(name) || template.parameter(name) != nil || isResource(name)
    }

    private var refNames: [String] {
        template.parameters.map(\.name) + template.resources.map(\.logicalId) + LintContext.pseudoParameters.sorted()
    }

    private mutating func report(_ call: FunctionCall, _ message: String, at location: Location? = nil, ownRule: Bool = false) {
        guard var id = FunctionRuleIds.ruleId(for: call) else { return }
        // A Ref to a missing name is reported as E1020 whatever function it is nested in (as cfn-lint).
        if ownRule, id != "E6101", let own = FunctionRuleIds.byFunction[call.name] { id = own }
        problems.append(FunctionProblem(ruleId: id, message: message, location: location ?? call.location))
    }

    /// The location of item `index` of a call's list argument (a short-form tag's items point at the call).
    private func itemLocation(_ call: FunctionCall, _ index: Int) -> Location {
        var path = call.location.path
        path.append(.index(index))
        guard let items = call.argument.sequence, index < items.count else { return Location(call.location.range, path) }
        let item = items[index]
        let fromTag = item.range.start == call.argument.range.start && call.keyRange.start == call.argument.range.start
        return Location(fromTag ? call.location.range : item.range, path)
    }

    mutating func run(_ calls: [FunctionCall]) -> [FunctionProblem] {
        let hasForEach = template.usesLanguageExtensions
        let inForEach = { (c: FunctionCall) in c.location.path.contains { if case .key(let k) = $0 { return k.hasPrefix("Fn::ForEach::") } else { return false } } }
        for call in calls {
            let loop = inForEach(call)
            if loop && (hasForEach || call.section == "Outputs") { continue }
            switch call.name {
            case "Ref": checkRef(call, loop: loop)
            case "Fn::GetAtt": checkGetAtt(call, loop: loop)
            case "Fn::Sub": checkSub(call, loop: loop)
            case "Fn::FindInMap": checkFindInMap(call, loop: loop)
            case "Fn::GetAZs": checkGetAZs(call)
            case "Fn::ImportValue": checkImportValue(call)
            case "Fn::Select": checkList(call, min: 2, max: 99); checkSelect(call)
            case "Fn::Split": checkList(call, min: 2, max: 2); checkString(call, item: 0)
            case "Fn::Join": checkList(call, min: 2, max: 2); checkString(call, item: 0); checkJoinList(call)
            case "Fn::Cidr": checkList(call, min: 3, max: 3)
            case "Fn::Base64": checkStringLike(call)
            case "Fn::If": checkIf(call)
            case "Fn::Equals": checkList(call, min: 2, max: 2); checkEqualsItems(call)
            case "Fn::Not": checkList(call, min: 1, max: 1)
            case "Fn::And", "Fn::Or": checkList(call, min: 2, max: 10)
            case "Condition": checkConditionRef(call)
            case "Fn::Length", "Fn::ToJsonString":
                if !template.usesLanguageExtensions {
                    report(call, "Missing Transform: Declare the AWS::LanguageExtensions Transform globally to enable use of the intrinsic function \(call.name) at \(call.location.path.slashed)")
                }
            case "Fn::GetStackOutput": checkGetStackOutput(call)
            default: break
            }
        }
        return problems
    }

    // MARK: Shapes

    static func describe(_ node: Node) -> String {
        switch node.value {
        case .scalar(let s):
            if s.resolved.kind == .null { return "None" }
            return s.style.isQuoted || s.resolved.kind == .string ? "'\(s.text)'" : s.text
        case .sequence(let items): return "[" + items.map(describe).joined(separator: ", ") + "]"
        case .mapping(let m): return "{" + m.entries.map { "'\($0.key.name)': \(describe($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    private mutating func checkList(_ call: FunctionCall, min: Int, max: Int) {
        guard let items = call.argument.sequence else {
            // Condition functions and Fn::If take a literal list; others may take a function returning one.
            let literalOnly: Set<String> = ["Fn::If", "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not"]
            if call.argument.intrinsic == nil || literalOnly.contains(call.name) {
                report(call, "\(Self.describe(call.argument)) is not of type 'array'")
            }
            return
        }
        if items.count < min { report(call, "expected minimum item count: \(min), found: \(items.count)") }
        if items.count > max { report(call, "expected maximum item count: \(max), found: \(items.count)") }
    }

    /// A string, or a function call (whose own checks cover it).
    private mutating func checkStringLike(_ call: FunctionCall) {
        let a = call.argument
        if a.scalar != nil, a.scalar!.resolved.kind != .null { return }
        if a.mapping != nil, a.intrinsic != nil { return }
        report(call, "\(Self.describe(a)) is not of type 'string'")
    }

    private mutating func checkString(_ call: FunctionCall, item: Int) {
        guard let items = call.argument.sequence, item < items.count else { return }
        if items[item].scalar == nil { report(call, "\(Self.describe(items[item])) is not of type 'string'", at: itemLocation(call, item)) }
    }

    private mutating func checkJoinList(_ call: FunctionCall) {
        guard let items = call.argument.sequence, items.count == 2 else { return }
        let list = items[1]
        if list.sequence != nil || list.intrinsic != nil { return }
        report(call, "\(Self.describe(list)) is not of type 'array'", at: itemLocation(call, 1))
    }

    private mutating func checkSelect(_ call: FunctionCall) {
        guard let items = call.argument.sequence, items.count >= 2 else { return }
        let index = items[0]
        if let s = index.scalar {
            if Int(s.text) == nil { report(call, "\(Self.describe(index)) is not of type 'integer'", at: itemLocation(call, 0)) }
        } else if index.intrinsic == nil {
            report(call, "\(Self.describe(index)) is not of type 'integer'", at: itemLocation(call, 0))
        }
        let list = items[1]
        // A deliberate difference from cfn-lint, which passes this: CloudFormation rejects an index
        // outside a literal list (SelectIndex), so lint says so where `cfnkit resolve` does.
        if let i = index.scalar.flatMap({ Int($0.text) }), let literal = list.sequence,
           let problem = SelectIndex.problem(index: i, count: literal.count) {
            report(call, problem, at: itemLocation(call, 0), ownRule: true)
        }
        let stringFunctions: Set<String> = ["Fn::Join", "Fn::Sub", "Fn::Base64", "Fn::ImportValue", "Fn::Select"]
        if list.scalar != nil || list.intrinsic.map({ stringFunctions.contains($0.name) }) == true {
            report(call, "\(Self.describe(list)) is not of type 'array'", at: itemLocation(call, 1))
        }
    }

    private mutating func checkEqualsItems(_ call: FunctionCall) {
        guard let items = call.argument.sequence else { return }
        let allowed: Set<String> = ["Ref", "Fn::FindInMap", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::If",
                                    "Fn::Length", "Fn::ToJsonString", "Condition"]
        for (i, item) in items.enumerated().prefix(2) {
            if item.scalar != nil { continue }
            if let f = item.intrinsic, allowed.contains(f.name) { continue }
            report(call, "\(Self.describe(item)) is not of type 'string'", at: itemLocation(call, i))
        }
    }

    // MARK: Ref

    private mutating func checkRef(_ call: FunctionCall, loop: Bool) {
        guard let name = call.argument.scalar?.text, call.argument.scalar?.resolved.kind != .null else {
            if call.argument.intrinsic == nil || !template.usesLanguageExtensions {
                report(call, "\(Self.describe(call.argument)) is not of type 'string'")
            }
            return
        }
        if loop || call.section == "Rules" && template.parameter(name) != nil { return }
        if call.section == "Conditions" || call.section == "Rules" {
            if template.parameter(name) == nil && !LintContext.pseudoParameters.contains(name) {
                report(call, "'\(name)' is not one of \(Self.list(template.parameters.map(\.name) + LintContext.pseudoParameters.sorted()))")
            }
            return
        }
        if !isRefTarget(name) { report(call, "'\(name)' is not one of \(Self.list(refNames))", ownRule: true) }
    }

    static func list(_ names: [String]) -> String {
        let shown = names.prefix(40).map { "'\($0)'" }.joined(separator: ", ")
        return "[" + shown + (names.count > 40 ? ", ..." : "") + "]"
    }

    // MARK: GetAtt

    private mutating func checkGetAtt(_ call: FunctionCall, loop: Bool) {
        let a = call.argument
        var resourceNode: Node?
        var attributeNode: Node?
        if let s = a.scalar, s.resolved.kind != .null {
            guard let dot = s.text.firstIndex(of: ".") else {
                report(call, "'\(s.text)' does not match '^[A-Za-z][A-Za-z0-9]*\\\\..*$'")
                return
            }
            resourceNode = Node(.scalar(Scalar(String(s.text[..<dot]))), range: a.range)
            attributeNode = Node(.scalar(Scalar(String(s.text[s.text.index(after: dot)...]))), range: a.range)
        } else if let items = a.sequence {
            guard items.count == 2 else {
                report(call, items.count < 2 ? "expected minimum item count: 2, found: \(items.count)"
                                             : "expected maximum item count: 2, found: \(items.count)")
                return
            }
            resourceNode = items[0]
            attributeNode = items[1]
        } else {
            report(call, "\(Self.describe(a)) is not of type 'array', 'string'")
            return
        }
        guard let resourceName = resourceNode?.scalar?.text else {
            report(call, "\(Self.describe(resourceNode!)) is not of type 'string'", at: itemLocation(call, 0))
            return
        }
        if loop { return }
        guard let resource = template.resource(resourceName) else {
            if !(sam?.generates(resourceName) ?? false) {
                report(call, "'\(resourceName)' is not one of \(Self.list(template.resources.map(\.logicalId)))",
                       at: itemLocation(call, 0))
            }
            return
        }
        guard let attribute = attributeNode?.scalar?.text, let type = resource.type else { return }
        checkAttribute(call, type: type, attribute: attribute, resource: resourceName)
        if call.section == "Outputs", call.parent == nil || call.parent == "Fn::Sub" || call.parent == "Fn::Join",
           let t = nonStringAttribute(type, attribute) {
            _ = t
            report(call, "\(Self.describe(call.node)) is not of type 'string'", at: call.parent == nil ? call.holder : call.location)
        }
    }

    /// Whether `attribute` is valid on `type`; reports with the regions where it is not.
    private mutating func checkAttribute(_ call: FunctionCall, type: String, attribute: String, resource: String,
                                         at location: Location? = nil) {
        switch schemas.typeKind(type) {
        case .custom, .module, .thirdPartyOrUnknown: return
        case .serverless:
            return  // SAM resources expose the generated resources' attributes and more (Alias, Version.*)
        case .aws: break
        }
        if type == "AWS::CloudFormation::Stack" && attribute.hasPrefix("Outputs.") { return }
        var bad: [String] = []
        var known: [String] = []
        for region in regions {
            guard let info = schemas.resourceType(type, region: region) else { continue }
            if !Self.accepts(info, attribute) {
                bad.append(region)
                known = info.attributes
            }
        }
        guard !bad.isEmpty else { return }
        let suffix = regions.count > 1 ? " in \(bad.joined(separator: ", "))" : ""
        report(call, "'\(attribute)' is not one of \(Self.list(known)) for resource '\(resource)'\(suffix)",
               at: location ?? itemLocation(call, 1))
    }

    /// The JSON type of an attribute when it is known and not a string.
    func nonStringAttribute(_ type: String, _ attribute: String) -> JSONType? {
        guard schemas.typeKind(type) == .aws, let info = schemas.resourceType(type, region: regions[0]) else { return nil }
        if info.attributes.contains(attribute) {
            guard let t = info.attributeType(attribute) else { return nil }
            return t == .string ? nil : t
        }
        // A property read with GetAtt has the property's type.
        guard info.properties[attribute] != nil,
              let types = TypeSummary(info).properties.first(where: { $0.name == attribute })?.types,
              let first = types.first, !types.contains(.string) else { return nil }
        return first
    }

    static func accepts(_ info: ResourceTypeInfo, _ attribute: String) -> Bool {
        if info.schema.acceptsAnyAttribute { return true }
        let attrs = info.attributes
        if attrs.contains(attribute) { return true }
        // cfn-lint also accepts a GetAtt of a top-level property (TopicName, QueueName, CidrBlock ...).
        if info.properties[attribute] != nil { return true }
        // Schemas list nested read-only properties with '.' or '/'.
        if attrs.contains(attribute.replacingOccurrences(of: ".", with: "/")) { return true }
        return false
    }

    // MARK: Sub

    private mutating func checkSub(_ call: FunctionCall, loop: Bool) {
        let a = call.argument
        var stringNode: Node
        var variables: Mapping?
        if a.scalar != nil, a.scalar!.resolved.kind != .null {
            stringNode = a
        } else if let items = a.sequence {
            guard items.count == 2 else {
                report(call, items.count < 2 ? "expected minimum item count: 2, found: \(items.count)"
                                             : "expected maximum item count: 2, found: \(items.count)")
                return
            }
            stringNode = items[0]
            if let m = items[1].mapping, items[1].intrinsic == nil || items[1].intrinsic?.name == "Fn::Transform" {
                variables = m
            } else {
                report(call, "\(Self.describe(items[1])) is not of type 'object'", at: itemLocation(call, 1))
                return
            }
            if stringNode.scalar == nil {
                report(call, "\(Self.describe(stringNode)) is not of type 'string'", at: itemLocation(call, 0))
                return
            }
        } else {
            report(call, "\(Self.describe(a)) is not of type 'array', 'string'")
            return
        }
        guard let text = stringNode.scalar?.text else { return }
        let sub: SubString
        do { sub = try SubString(parsing: text) } catch {
            report(call, "'\(text)' is not a valid Fn::Sub string: \(error.message)")
            return
        }
        if loop { return }
        for (name, _) in sub.variables {
            if variables?[name] != nil { continue }
            let (target, attribute) = SubString.splitVariable(name)
            if let attribute {
                guard let resource = template.resource(target) else {
                    if !(sam?.generates(target) ?? false) {
                        report(call, "'\(target)' is not one of \(Self.list(template.resources.map(\.logicalId)))")
                    }
                    continue
                }
                if let type = resource.type {
                    checkAttribute(call, type: type, attribute: attribute, resource: target, at: call.location)
                    if call.section == "Outputs", nonStringAttribute(type, attribute) != nil {
                        report(call, "'\(name)' is not of type 'string'")
                    }
                }
            } else if !isRefTarget(target) {
                report(call, "'\(target)' is not one of \(Self.list(refNames))")
            }
        }
    }

    // MARK: FindInMap

    private mutating func checkFindInMap(_ call: FunctionCall, loop: Bool) {
        guard let items = call.argument.sequence else {
            report(call, "\(Self.describe(call.argument)) is not of type 'array'")
            return
        }
        let maxItems = template.usesLanguageExtensions ? 4 : 3
        if items.count < 3 { report(call, "expected minimum item count: 3, found: \(items.count)"); return }
        if items.count > maxItems { report(call, "expected maximum item count: \(maxItems), found: \(items.count)"); return }
        for i in 0..<3 {
            let item = items[i]
            if item.scalar != nil { continue }
            if let f = item.intrinsic, f.name == "Ref" || f.name == "Fn::FindInMap" || (template.usesLanguageExtensions && f.name != "Fn::GetAtt") { continue }
            report(call, "\(Self.describe(item)) is not of type 'string'", at: itemLocation(call, i))
            return
        }
        if loop { return }
        guard let mapName = items[0].scalar?.text else { return }
        guard let mapping = template.mapping(mapName) else {
            report(call, "'\(mapName)' is not one of \(Self.list(template.mappings.map(\.name)))", at: itemLocation(call, 0))
            return
        }
        guard items.count == 3, let top = mapping.node.mapping else { return }
        if let first = items[1].scalar?.text {
            guard let second = top[first] else {
                report(call, "'\(first)' is not one of \(Self.list(top.keys)) for mapping '\(mapName)'", at: itemLocation(call, 1))
                return
            }
            if let key = items[2].scalar?.text, let m = second.mapping, m[key] == nil {
                report(call, "'\(key)' is not one of \(Self.list(m.keys)) for mapping '\(mapName)' and key '\(first)'",
                       at: itemLocation(call, 2))
            }
        } else if let key = items[2].scalar?.text {
            let anywhere = top.entries.contains { $0.value.mapping?[key] != nil }
            if !anywhere && !top.isEmpty {
                report(call, "'\(key)' is not a second-level key of mapping '\(mapName)'", at: itemLocation(call, 2))
            }
        }
    }

    // MARK: Others

    private mutating func checkGetAZs(_ call: FunctionCall) {
        let a = call.argument
        if let s = a.scalar {
            let fromTag = call.keyRange.start == a.range.start
            if s.resolved.kind == .null && !fromTag {
                report(call, "None is not one of ['', \(Self.list(schemas.allRegions).dropFirst())")
            } else if s.resolved.kind != .null && !s.text.isEmpty && !schemas.isKnownRegion(s.text) && !s.text.contains("$") {
                report(call, "'\(s.text)' is not one of ['', \(Self.list(schemas.allRegions).dropFirst())")
            }
            return
        }
        if a.intrinsic != nil { return }
        report(call, "\(Self.describe(a)) is not of type 'string'")
    }

    private mutating func checkImportValue(_ call: FunctionCall) {
        let a = call.argument
        if let s = a.scalar, s.resolved.kind != .null { return }
        if let f = a.intrinsic, ["Fn::Base64", "Fn::FindInMap", "Fn::If", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Sub", "Ref"].contains(f.name) {
            return
        }
        report(call, "\(Self.describe(call.node)) is not of type 'string'")
    }

    private mutating func checkIf(_ call: FunctionCall) {
        guard let items = call.argument.sequence else {
            report(call, "\(Self.describe(call.node)) is not of type 'array'")
            return
        }
        if items.count != 3 {
            report(call, items.count < 3 ? "expected minimum item count: 3, found: \(items.count)"
                                         : "expected maximum item count: 3, found: \(items.count)")
            return
        }
        guard let name = items[0].scalar?.text else {
            report(call, "\(Self.describe(items[0])) is not of type 'string'", at: itemLocation(call, 0))
            return
        }
        if template.condition(name) == nil {
            report(call, "'\(name)' is not one of \(Self.list(template.conditions.map(\.name)))", at: itemLocation(call, 0))
        }
    }

    private mutating func checkConditionRef(_ call: FunctionCall) {
        // `Condition: Name` inside Fn::And/Or/Not (a resource's Condition attribute is not a function).
        guard call.parent != nil || call.section == "Conditions" || call.section == "Rules" else { return }
        guard call.location.path.count > 2 || call.parent != nil else { return }
        guard let name = call.argument.scalar?.text else {
            report(call, "\(Self.describe(call.argument)) is not of type 'string'")
            return
        }
        if template.condition(name) == nil {
            report(call, "'\(name)' is not one of \(Self.list(template.conditions.map(\.name)))")
        }
    }

    private mutating func checkGetStackOutput(_ call: FunctionCall) {
        guard let m = call.argument.mapping else {
            report(call, "\(Self.describe(call.argument)) is not of type 'object'")
            return
        }
        for key in ["StackName", "OutputName"] where m[key] == nil {
            report(call, "'\(key)' is a required property")
        }
    }
}
