import CFNGraph
import CFNIntrinsics
import CFNSchema
import CFNTemplate

/// One version of a stack: the template and the context it is (or will be) deployed with.
public struct StackVersion: Sendable {
    public var template: Template
    public var context: EvaluationContext
    /// Stack-level tags (`--tags`), which CloudFormation propagates to taggable resources.
    public var stackTags: [String: String]

    public init(template: Template, context: EvaluationContext, stackTags: [String: String] = [:]) {
        self.template = template
        self.context = context
        self.stackTags = stackTags
    }
}

/// Why a change set cannot be created (CloudFormation refuses it too).
public struct ChangeSetError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var range: SourceRange
    public var description: String { "\(range): error: \(message)" }
}

/// Computes what CloudFormation's change set will say for updating a stack from `old` to `new`.
///
/// Both versions are evaluated first (parameters, conditions, Fn::If, FindInMap, Sub ...), so a
/// parameter that flips a condition adds or removes resources, and formatting never counts.
/// Rules and their evidence: docs/CHANGESET-EVIDENCE.md.
public struct ChangeSetBuilder {
    public let old: StackVersion
    public let new: StackVersion
    public let registry: SchemaRegistry
    /// Effective parameters of the new version: given ones, else the previous value (as
    /// `UsePreviousValue`), else the new Default.
    public let keepPreviousParameterValues: Bool

    /// Diff the templates of `AWS::CloudFormation::Stack` resources whose TemplateURL is a local
    /// path in both versions, with the parameters the parent passes (IncludeNestedStacks).
    public var includeNestedStacks = false
    /// Fill Path, BeforeValue, AfterValue, AttributeChangeType and the contexts, as
    /// `describe-change-set --include-property-values` does.
    public var includePropertyValues = false
    /// Where each version's nested templates are read from (`diff --git REV`: OLD's from REV).
    public var oldSource: any TemplateSource = WorkingTreeSource()
    public var newSource: any TemplateSource = WorkingTreeSource()
    /// Identities of the NEW templates from the root to this one, to stop a nesting cycle.
    var nestingChain: [String] = []

    public init(old: StackVersion, new: StackVersion, registry: SchemaRegistry = .bundled, keepPreviousParameterValues: Bool = true,
                includeNestedStacks: Bool = false, includePropertyValues: Bool = false) {
        self.includePropertyValues = includePropertyValues
        self.old = old
        self.new = new
        self.registry = registry
        self.keepPreviousParameterValues = keepPreviousParameterValues
        self.includeNestedStacks = includeNestedStacks
    }

    public struct Output: Sendable {
        public var changeSet: ChangeSet
        /// Evaluation problems on either side (they make the preview approximate).
        public var warnings: [EvaluationError]
        /// Problems CloudFormation would refuse the change set for.
        public var errors: [ChangeSetError]
        /// Both versions as CloudFormation processes them, for before/after values.
        public var oldResolved: Template
        public var newResolved: Template
    }

    public func build() -> Output {
        // Each nested level is a whole build() on the stack; the depth is bounded by the nested-stack limit.
        if includeNestedStacks && nestingChain.isEmpty {
            let root = self
            return LargeStack.run(levels: Limits.nestedStackDepth) { root.buildLevel() }
        }
        return buildLevel()
    }

    private func buildLevel() -> Output {
        let oldEvaluator = Evaluator(template: old.template, context: old.context)
        var newContext = new.context
        if keepPreviousParameterValues {
            var previous = ParameterValues()
            for parameter in new.template.parameters where newContext.parameters[parameter.name] == nil {
                if let value = oldEvaluator.parameterValues[parameter.name], let text = Self.parameterText(value) {
                    previous.set(parameter.name, text)
                } else if old.context.unknownParameters.contains(parameter.name) {
                    // A masked NoEcho value kept as it is: unknown on both sides, so never a difference.
                    newContext.unknownParameters.insert(parameter.name)
                }
            }
            newContext.parameters = previous.merging(newContext.parameters)
        }
        let newEvaluator = Evaluator(template: new.template, context: newContext)
        let oldSide = EvaluatedSide(evaluator: oldEvaluator)
        let newSide = EvaluatedSide(evaluator: newEvaluator)
        var warnings = oldSide.errors + newSide.errors

        var errors: [ChangeSetError] = []
        var changes: [String: ResourceChange] = [:]
        let changedParameters = Set(newEvaluator.parameterValues.keys.filter { name in
            guard let a = oldEvaluator.parameterValues[name], let b = newEvaluator.parameterValues[name] else { return true }
            return Self.parameterText(a) != Self.parameterText(b)
        })

        // Removals and additions.
        for resource in oldSide.resolved.resources where newSide.resolved.resource(resource.logicalId) == nil {
            changes[resource.logicalId] = ResourceChange(
                action: .remove, logicalResourceId: resource.logicalId, physicalResourceId: "<physical-id>",
                resourceType: resource.type ?? "", replacement: nil,
                policyAction: Self.deletionAction(resource), scope: [], details: [], range: resource.key.range, nested: nil)
        }
        for resource in newSide.resolved.resources where oldSide.resolved.resource(resource.logicalId) == nil {
            changes[resource.logicalId] = ResourceChange(
                action: .add, logicalResourceId: resource.logicalId, physicalResourceId: nil,
                resourceType: resource.type ?? "", replacement: nil, policyAction: nil, scope: [], details: [],
                range: resource.key.range, nested: nil)
        }

        // Direct changes of resources in both versions.
        var details: [String: [ResourceChangeDetail]] = [:]
        var common: [Resource] = []
        for resource in newSide.resolved.resources {
            guard let before = oldSide.resolved.resource(resource.logicalId) else { continue }
            if before.type != resource.type {
                errors.append(ChangeSetError(
                    message: "Update of resource type is not permitted. The new template modifies resource type of the following resources: [\(resource.logicalId)]",
                    range: resource.typeNode?.range ?? resource.key.range))
                continue
            }
            common.append(resource)
            details[resource.logicalId] = directDetails(resource.logicalId, type: resource.type ?? "",
                                                        oldSide: oldSide, newSide: newSide, changedParameters: changedParameters)
        }

        // Stack-level tags reach every taggable resource (no ChangeSource: the cause is not the template).
        if old.stackTags != new.stackTags {
            for resource in common {
                let type = resource.type ?? ""
                guard let info = registry.resourceType(type, region: new.context.region) ?? registry.resourceType(type),
                      info.schema.tagging?.taggable ?? false else { continue }
                details[resource.logicalId, default: []].append(ResourceChangeDetail(
                    target: ResourceTargetDefinition(attribute: .tags, name: nil, requiresRecreation: nil),
                    evaluation: .staticValue, changeSource: nil, causingEntity: nil, range: resource.key.range))
            }
        }
        // A nested stack's template may have changed behind its URL: CloudFormation always lists it.
        for resource in common where resource.type == "AWS::CloudFormation::Stack" && (details[resource.logicalId] ?? []).isEmpty {
            details[resource.logicalId] = [ResourceChangeDetail(
                target: ResourceTargetDefinition(attribute: .properties, name: nil, requiresRecreation: .never),
                evaluation: .staticValue, changeSource: .automatic, causingEntity: nil, range: resource.key.range)]
        }

        // Effects of replaced and updated resources on the resources that reference them, until stable.
        let graph = DependencyGraph(template: newSide.raw) { newEvaluator.conditionValue(named: $0) }
        var round = 0
        var changed = true
        while changed && round <= common.count + 1 {
            changed = false
            round += 1
            for resource in common {
                let id = resource.logicalId
                for edge in graph.edges(from: GraphNodeID(kind: .resource, name: id)) {
                    guard edge.to.kind == .resource, edge.kind == .ref || edge.kind == .getAtt || edge.kind == .sub,
                          edge.to.name != id, let target = details[edge.to.name], !target.isEmpty else { continue }
                    guard let detail = referenceDetail(edge, type: resource.type ?? "", targetReplacement: Self.replacement(of: target)),
                          !(details[id] ?? []).contains(where: { $0.sameCause(as: detail) }) else { continue }
                    details[id, default: []].append(detail)
                    changed = true
                }
            }
        }

        for resource in common {
            var list = Self.ordered(details[resource.logicalId] ?? [], resource: resource)
            guard !list.isEmpty else { continue }
            var contexts: (String, String)?
            if includePropertyValues, let before = oldSide.resolved.resource(resource.logicalId) {
                let values = PropertyValues(old: before, new: resource, changedResources: Set(details.filter { !$0.value.isEmpty }.keys),
                                            oldTemplate: oldSide.resolved, newTemplate: newSide.resolved)
                list = list.map(values.decorate)
                contexts = (values.context(before, side: .before), values.context(resource, side: .after))
            }
            let replacement = Self.replacement(of: list)
            var scope: [ChangeAttribute] = []
            for attribute in ChangeAttribute.allCases where list.contains(where: { $0.target.attribute == attribute }) {
                scope.append(attribute)
            }
            changes[resource.logicalId] = ResourceChange(
                action: .modify, logicalResourceId: resource.logicalId, physicalResourceId: "<physical-id>",
                resourceType: resource.type ?? "", replacement: replacement,
                policyAction: replacement == .falseValue ? nil : Self.replacementAction(resource),
                scope: scope, details: list, range: resource.key.range, nested: nil,
                beforeContext: contexts?.0, afterContext: contexts?.1)
        }

        if includeNestedStacks {
            for resource in common where resource.type == "AWS::CloudFormation::Stack" {
                guard var change = changes[resource.logicalId] else { continue }
                switch nestedChanges(resource.logicalId, oldSide: oldSide, newSide: newSide) {
                case .some(.success(let nested)):
                    change.nested = nested.changeSet
                    warnings += nested.warnings
                    errors += nested.errors
                case .some(.failure(let error)): errors.append(error)
                case nil: break
                }
                changes[resource.logicalId] = change
            }
        }

        let stackChanges = StackLevelComparison(old: oldSide, new: newSide, changedParameters: changedParameters).changes()
        let parameters = new.template.parameters.compactMap { p in
            newEvaluator.parameterValues[p.name].flatMap(Self.parameterText).map { (key: p.name, value: $0) }
        }
        warnings.sort { ($0.range.file.path, $0.range.start) < ($1.range.file.path, $1.range.start) }
        let sorted = changes.values.sorted { $0.logicalResourceId < $1.logicalResourceId }
        return Output(changeSet: ChangeSet(changes: sorted, stackChanges: stackChanges, parameters: parameters),
                      warnings: warnings, errors: errors, oldResolved: oldSide.resolved, newResolved: newSide.resolved)
    }

    // MARK: Direct changes

    /// Details for values that differ between the two evaluated versions of one resource.
    private func directDetails(_ id: String, type: String, oldSide: EvaluatedSide, newSide: EvaluatedSide,
                               changedParameters: Set<String>) -> [ResourceChangeDetail] {
        guard let before = oldSide.resolved.resource(id), let after = newSide.resolved.resource(id) else { return [] }
        let rawBefore = oldSide.raw.resource(id), rawAfter = newSide.raw.resource(id)
        let schema = registry.resourceType(type, region: new.context.region) ?? registry.resourceType(type)
        var result: [ResourceChangeDetail] = []

        func add(attribute: ChangeAttribute, name: String?, recreation: RequiresRecreation,
                 rawOld: Node?, rawNew: Node?, referencePath: [String], range: SourceRange) {
            let target = ResourceTargetDefinition(attribute: attribute, name: name, requiresRecreation: recreation)
            if ValueComparison.sameSource(rawOld, rawNew) {
                let causes = newSide.parameters(referencedUnder: ["Resources", id] + referencePath).filter(changedParameters.contains)
                if !causes.isEmpty {
                    result.append(ResourceChangeDetail(target: target, evaluation: .dynamic, changeSource: .directModification,
                                                       causingEntity: nil, range: range))
                    for parameter in causes {
                        result.append(ResourceChangeDetail(target: target, evaluation: .staticValue, changeSource: .parameterReference,
                                                           causingEntity: parameter, range: range))
                    }
                    return
                }
            }
            result.append(ResourceChangeDetail(target: target, evaluation: .staticValue, changeSource: .directModification,
                                               causingEntity: nil, range: range))
        }

        let oldProperties = before.properties?.mapping ?? Mapping()
        let newProperties = after.properties?.mapping ?? Mapping()
        var names = newProperties.keys
        for name in oldProperties.keys where newProperties[name] == nil { names.append(name) }
        for name in names {
            let a = oldProperties[name], b = newProperties[name]
            let paths = ValueComparison.changedPaths(a, b)
            guard !paths.isEmpty else { continue }
            let isEC2Tags = name == "Tags" && type.hasPrefix("AWS::EC2::")
            var recreation = RequiresRecreation.never
            if !isEC2Tags {
                for path in paths {
                    recreation = max(recreation, Self.recreation(schema?.updateBehavior(forPropertyPath: "/properties/\(name)\(path)") ?? .mutable))
                }
            }
            let range = b?.range ?? after.properties?.range ?? after.key.range
            add(attribute: isEC2Tags ? .tags : .properties, name: isEC2Tags ? nil : name, recreation: recreation,
                rawOld: rawBefore?.properties?[name], rawNew: rawAfter?.properties?[name],
                referencePath: ["Properties", name], range: range)
        }
        let attributes: [(ChangeAttribute, String)] = [
            (.metadata, "Metadata"), (.creationPolicy, "CreationPolicy"), (.updatePolicy, "UpdatePolicy"),
            (.deletionPolicy, "DeletionPolicy"), (.updateReplacePolicy, "UpdateReplacePolicy"),
        ]
        for (attribute, key) in attributes {
            let a = before.node[key], b = after.node[key]
            guard !ValueComparison.equal(a, b) else { continue }
            add(attribute: attribute, name: nil, recreation: .never, rawOld: rawBefore?.node[key], rawNew: rawAfter?.node[key],
                referencePath: [key], range: b?.range ?? after.key.range)
        }
        return result
    }

    // MARK: Changes that come through references

    /// The detail a reference `edge` (from a resource to a changed one) causes, or nil when the
    /// referenced value cannot change (a Ref to a resource updated in place).
    private func referenceDetail(_ edge: GraphEdge, type: String, targetReplacement: Replacement) -> ResourceChangeDetail? {
        let isAttribute = edge.kind == .getAtt || (edge.kind == .sub && edge.attribute != nil)
        let evaluation: Evaluation
        switch targetReplacement {
        case .trueValue: evaluation = .staticValue
        case .conditional: evaluation = .dynamic
        case .falseValue:
            guard isAttribute else { return nil }
            evaluation = .dynamic
        }
        // edge.path: Resources / Id / Attribute / Property / ... / the intrinsic
        guard edge.path.count >= 3 else { return nil }
        let attributeKey = edge.path[2]
        let target: ResourceTargetDefinition
        if attributeKey == "Properties", edge.path.count >= 4 {
            let name = edge.path[3]
            let inner = edge.path.dropFirst(4).prefix { $0 != "Ref" && !$0.hasPrefix("Fn::") }
            if name == "Tags", type.hasPrefix("AWS::EC2::") {
                target = ResourceTargetDefinition(attribute: .tags, name: nil, requiresRecreation: .never)
            } else {
                let schema = registry.resourceType(type, region: new.context.region) ?? registry.resourceType(type)
                let path = "/properties/" + ([name] + inner).joined(separator: "/")
                target = ResourceTargetDefinition(attribute: .properties, name: name,
                                                  requiresRecreation: Self.recreation(schema?.updateBehavior(forPropertyPath: path) ?? .mutable))
            }
        } else if let attribute = ChangeAttribute(rawValue: attributeKey), attribute != .properties {
            target = ResourceTargetDefinition(attribute: attribute, name: nil, requiresRecreation: .never)
        } else {
            return nil
        }
        let causing = isAttribute ? "\(edge.to.name).\(edge.attribute ?? "")" : edge.to.name
        return ResourceChangeDetail(target: target, evaluation: evaluation,
                                    changeSource: isAttribute ? .resourceAttribute : .resourceReference,
                                    causingEntity: causing, range: edge.range)
    }

    // MARK: Nested stacks

    private func nestedChanges(_ id: String, oldSide: EvaluatedSide, newSide: EvaluatedSide) -> Result<Output, ChangeSetError>? {
        guard let before = oldSide.resolved.resource(id), let after = newSide.resolved.resource(id),
              let oldURL = before.properties?["TemplateURL"]?.text, let newURL = after.properties?["TemplateURL"]?.text,
              isLocal(oldURL), isLocal(newURL) else { return nil }
        let range = after.properties?["TemplateURL"]?.range ?? after.key.range
        let oldLoader = NestedTemplateLoader(source: oldSource), newLoader = NestedTemplateLoader(source: newSource)
        let chain = nestingChain.isEmpty ? [newLoader.identity(of: new.template.path)] : nestingChain
        let oldChild: Template, newChild: Template, newIdentity: String
        switch newLoader.load(url: newURL, parent: new.template.path, chain: chain, at: range) {
        case .success(let loaded): (newChild, newIdentity) = loaded
        case .failure(let error): return .failure(Self.nestedError(error, id: id))
        }
        // OLD's chain is not tracked: its depth is bounded by NEW's, which it is walked with.
        switch oldLoader.load(url: oldURL, parent: old.template.path, chain: [], at: range) {
        case .success(let loaded): oldChild = loaded.template
        case .failure(let error): return .failure(Self.nestedError(error, id: id))
        }
        func passed(_ resource: Resource) -> ParameterValues {
            var values = ParameterValues()
            for entry in resource.properties?["Parameters"]?.mapping?.entries ?? [] {
                if let text = entry.value.text { values.set(entry.key.name, text) }
                else if let items = entry.value.sequence, items.allSatisfy({ $0.text != nil }) {
                    values.set(entry.key.name, items.compactMap(\.text).joined(separator: ","))
                }
            }
            return values
        }
        var oldContext = old.context, newContext = new.context
        oldContext.parameters = passed(before)
        newContext.parameters = passed(after)
        oldContext.stackName = nil
        newContext.stackName = nil
        var builder = ChangeSetBuilder(old: StackVersion(template: oldChild, context: oldContext),
                                       new: StackVersion(template: newChild, context: newContext),
                                       registry: registry, keepPreviousParameterValues: keepPreviousParameterValues,
                                       includeNestedStacks: true, includePropertyValues: includePropertyValues)
        builder.oldSource = oldSource
        builder.newSource = newSource
        builder.nestingChain = chain + [newIdentity]
        return .success(builder.buildLevel())
    }

    private static func nestedError(_ error: NestedTemplateError, id: String) -> ChangeSetError {
        ChangeSetError(message: error.kind == .notLoadable ? "nested stack '\(id)': \(error.message)" : error.message, range: error.range)
    }

    private func isLocal(_ url: String) -> Bool { NestedTemplateLoader.isLocalPath(url) }

    // MARK: Helpers

    static func recreation(_ behavior: UpdateBehavior) -> RequiresRecreation {
        switch behavior {
        case .replacement: return .always
        case .conditional: return .conditionally
        case .mutable: return .never
        }
    }

    static func replacement(of details: [ResourceChangeDetail]) -> Replacement {
        details.map(\.replacement).max() ?? .falseValue
    }

    /// Dynamic details first, then Static, each in the order of the resource's properties.
    static func ordered(_ details: [ResourceChangeDetail], resource: Resource) -> [ResourceChangeDetail] {
        let order = resource.properties?.mapping?.keys ?? []
        func rank(_ d: ResourceChangeDetail) -> Int {
            if let name = d.target.name, let i = order.firstIndex(of: name) { return i }
            if d.target.attribute == .tags { return order.firstIndex(of: "Tags") ?? order.count }
            return order.count + (ChangeAttribute.allCases.firstIndex(of: d.target.attribute) ?? 0)
        }
        return details.enumerated().sorted { x, y in
            let a = x.element, b = y.element
            if a.evaluation != b.evaluation { return a.evaluation == .dynamic }
            if rank(a) != rank(b) { return rank(a) < rank(b) }
            return x.offset < y.offset
        }.map(\.element)
    }

    /// DeletionPolicy on removal; RDS instances outside a cluster and RDS clusters default to Snapshot
    /// (DeletionPolicy attribute documentation).
    static func deletionAction(_ resource: Resource) -> PolicyAction {
        switch resource.deletionPolicy?.text {
        case "Retain", "RetainExceptOnCreate": return .retain
        case "Snapshot": return .snapshot
        case "Delete": return .delete
        default:
            if resource.type == "AWS::RDS::DBCluster" { return .snapshot }
            if resource.type == "AWS::RDS::DBInstance", resource.properties?["DBClusterIdentifier"] == nil { return .snapshot }
            return .delete
        }
    }

    static func replacementAction(_ resource: Resource) -> PolicyAction {
        switch resource.updateReplacePolicy?.text {
        case "Retain": return .replaceAndRetain
        case "Snapshot": return .replaceAndSnapshot
        default: return .replaceAndDelete
        }
    }

    /// A parameter value as CloudFormation lists it: lists joined with commas.
    static func parameterText(_ value: Value) -> String? {
        if let text = value.scalarText { return text }
        if let items = value.listValue {
            let texts = items.compactMap(\.scalarText)
            return texts.count == items.count ? texts.joined(separator: ",") : nil
        }
        return nil
    }
}

extension ResourceChangeDetail {
    func sameCause(as other: ResourceChangeDetail) -> Bool {
        target.attribute == other.target.attribute && target.name == other.target.name
            && changeSource == other.changeSource && causingEntity == other.causingEntity && evaluation == other.evaluation
    }
}

/// One evaluated version: the template as written (after ForEach expansion), as CloudFormation
/// processes it, and which parameters each part of it reads (directly or through conditions).
struct EvaluatedSide {
    let evaluator: Evaluator
    let raw: Template
    let resolved: Template
    let errors: [EvaluationError]
    private let graph: DependencyGraph

    init(evaluator: Evaluator) {
        self.evaluator = evaluator
        raw = evaluator.template
        let result = TemplateResolver.resolve(evaluator)
        resolved = result.template
        errors = result.errors
        graph = DependencyGraph(template: evaluator.template)
    }

    /// Parameters read by references whose path starts with `prefix`, including through the
    /// conditions of Fn::If branches and the conditions those use.
    func parameters(referencedUnder prefix: [String]) -> [String] {
        guard prefix.count >= 2 else { return [] }
        let owner = GraphNodeID(kind: .resource, name: prefix[1])
        var result: [String] = []
        var seenConditions = Set<String>()
        var pendingConditions: [String] = []
        for edge in graph.edges(from: owner) where edge.path.starts(with: prefix) {
            if edge.to.kind == .parameter, !result.contains(edge.to.name) { result.append(edge.to.name) }
            if edge.to.kind == .condition { pendingConditions.append(edge.to.name) }
        }
        while let condition = pendingConditions.popLast() {
            guard seenConditions.insert(condition).inserted else { continue }
            for edge in graph.edges(from: GraphNodeID(kind: .condition, name: condition)) {
                if edge.to.kind == .parameter, !result.contains(edge.to.name) { result.append(edge.to.name) }
                if edge.to.kind == .condition { pendingConditions.append(edge.to.name) }
            }
        }
        return result
    }
}
