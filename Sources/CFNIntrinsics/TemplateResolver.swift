import CFNTemplate

/// Produces the template as CloudFormation would process it in one context: resources and
/// outputs whose condition is false removed, `Fn::If` branches chosen, intrinsic functions
/// evaluated where their values are known and kept where they are not, `Fn::ForEach` expanded,
/// and rule assertions checked.
public enum TemplateResolver {
    public struct Result: Sendable {
        /// The resolved template; its `root` is the resolved node tree.
        public let template: Template
        /// Every problem found, in file order.
        public let errors: [EvaluationError]
    }

    public static func resolve(_ template: Template, context: EvaluationContext) -> Result {
        resolve(Evaluator(template: template, context: context))
    }

    public static func resolve(_ evaluator: Evaluator) -> Result {
        let source = evaluator.template
        evaluator.checkRules()
        var out = Mapping()
        for entry in source.root.mapping?.entries ?? [] {
            switch entry.key.name {
            case "Resources":
                out.append(Mapping.Entry(key: entry.key, value: resources(entry.value, evaluator)))
            case "Outputs":
                out.append(Mapping.Entry(key: entry.key, value: outputs(entry.value, evaluator)))
            case "Transform" where evaluator.usesLanguageExtensions:
                // The language extensions are applied here; other transforms (SAM, macros) are kept.
                let rest = (entry.value.sequence ?? [entry.value]).filter { $0.text != "AWS::LanguageExtensions" }
                if rest.count == 1 { out.append(Mapping.Entry(key: entry.key, value: rest[0])) }
                else if rest.count > 1 { out.append(Mapping.Entry(key: entry.key, value: Node.list(rest, range: entry.value.range))) }
            default:
                out.append(entry)
            }
        }
        let root = Node(.mapping(out), range: source.root.range)
        let resolved = Template(root: root, path: source.path, file: source.file, format: source.format, byteCount: source.byteCount)
        return Result(template: resolved, errors: evaluator.sortedErrors)
    }

    /// Whether an item with this `Condition` stays, and whether its Condition key should go.
    private static func keep(_ conditionNode: Node?, _ evaluator: Evaluator) -> (keep: Bool, dropConditionKey: Bool) {
        guard let c = conditionNode else { return (true, false) }
        guard let name = c.text, c.scalar != nil else {
            evaluator.report(.wrongArgumentType, "Condition must be the name of a condition", at: c.range)
            return (true, false)
        }
        switch evaluator.conditionValue(named: name, at: c.range) {
        case true?: return (true, true)
        case false?: return (false, true)
        case nil: return (true, false)
        }
    }

    private static let evaluatedResourceAttributes: Set<String> = ["Properties", "Metadata", "CreationPolicy", "UpdatePolicy"]

    private static func resources(_ section: Node, _ evaluator: Evaluator) -> Node {
        guard let m = section.mapping else { return section }
        let template = evaluator.template
        var out = Mapping()
        for entry in m.entries {
            guard let body = entry.value.mapping else {
                out.append(entry)
                continue
            }
            let (keep, dropCondition) = keep(body["Condition"], evaluator)
            guard keep else { continue }
            var resolved = Mapping()
            for attribute in body.entries {
                let name = attribute.key.name
                if name == "Condition", dropCondition { continue }
                let evaluate = evaluatedResourceAttributes.contains(name)
                    || (evaluator.usesLanguageExtensions && (name == "DeletionPolicy" || name == "UpdateReplacePolicy"))
                if evaluate {
                    let v = evaluator.evaluate(attribute.value)
                    if !v.isNoValue { resolved.append(Mapping.Entry(key: attribute.key, value: v.toNode())) }
                } else {
                    if name == "DependsOn" { checkDependsOn(attribute.value, template, evaluator) }
                    resolved.append(attribute)
                }
            }
            out.append(Mapping.Entry(key: entry.key, value: Node(.mapping(resolved), range: entry.value.range)))
        }
        return Node(.mapping(out), range: section.range)
    }

    /// DependsOn may only name resources that exist and are created.
    private static func checkDependsOn(_ node: Node, _ template: Template, _ evaluator: Evaluator) {
        let targets = node.sequence ?? [node]
        for t in targets {
            guard let name = t.text else { continue }
            guard let resource = template.resource(name) else {
                evaluator.report(.unknownReference, "DependsOn names '\(name)', but no resource has that name", at: t.range)
                continue
            }
            evaluator.checkNotRemoved(resource, at: t.range)
        }
    }

    private static func outputs(_ section: Node, _ evaluator: Evaluator) -> Node {
        guard let m = section.mapping else { return section }
        var out = Mapping()
        for entry in m.entries {
            guard let body = entry.value.mapping else {
                out.append(entry)
                continue
            }
            let (keep, dropCondition) = keep(body["Condition"], evaluator)
            guard keep else { continue }
            var resolved = Mapping()
            for attribute in body.entries {
                if attribute.key.name == "Condition" {
                    if !dropCondition { resolved.append(attribute) }
                    continue
                }
                let v = evaluator.evaluate(attribute.value)
                if !v.isNoValue { resolved.append(Mapping.Entry(key: attribute.key, value: v.toNode())) }
            }
            out.append(Mapping.Entry(key: entry.key, value: Node(.mapping(resolved), range: entry.value.range)))
        }
        return Node(.mapping(out), range: section.range)
    }
}
