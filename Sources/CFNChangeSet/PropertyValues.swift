import CFNTemplate

/// Before and after values of changed properties, as `--include-property-values` shows them.
/// Values known only after the update (a reference to a changed resource) read
/// `{{changeSet:KNOWN_AFTER_APPLY}}`; a resource's physical id, unknown offline, reads `<ref:Id>`.
struct PropertyValues {
    static let knownAfterApply = "{{changeSet:KNOWN_AFTER_APPLY}}"

    enum Side { case before, after }

    let old: Resource
    let new: Resource
    /// Resources with changes: their Ref/GetAtt values are only known after the update.
    let changedResources: Set<String>
    /// Both evaluated templates, to read an attribute that mirrors a property (`TopicName`).
    let oldTemplate: Template
    let newTemplate: Template

    func decorate(_ detail: ResourceChangeDetail) -> ResourceChangeDetail {
        var detail = detail
        let (section, name): (String, String?) = {
            switch detail.target.attribute {
            case .properties: return ("Properties", detail.target.name)
            case .tags: return ("Properties", "Tags")
            default: return (detail.target.attribute.rawValue, nil)
            }
        }()
        let before = name.map { old.node[section]?[$0] } ?? old.node[section]
        let after = name.map { new.node[section]?[$0] } ?? new.node[section]
        detail.target.path = "/" + section + (name.map { "/" + $0 } ?? "")
        detail.target.beforeValue = before.map { render($0, side: .before) }
        detail.target.afterValue = after.map { render($0, side: .after) }
        detail.target.attributeChangeType = before == nil ? "Add" : after == nil ? "Remove" : "Modify"
        if detail.changeSource == .resourceReference || detail.changeSource == .resourceAttribute {
            detail.target.afterValue = Self.knownAfterApply
        }
        return detail
    }

    /// `{"Properties": {...}}` of one side, as JSON text.
    func context(_ resource: Resource, side: Side) -> String {
        guard let properties = resource.properties else { return "{}" }
        return "{\"Properties\":\(json(properties, side: side))}"
    }

    /// A value as AWS prints it: strings as they are, anything else as compact JSON.
    func render(_ node: Node, side: Side) -> String {
        if let text = node.text { return text }
        if let symbol = symbolic(node, side: side) { return symbol }
        return json(node, side: side)
    }

    private func json(_ node: Node, side: Side) -> String {
        if let symbol = symbolic(node, side: side) { return Emitter.jsonString(symbol) }
        switch node.value {
        case .scalar(let s): return Emitter.jsonScalar(s)
        case .sequence(let items): return "[" + items.map { json($0, side: side) }.joined(separator: ",") + "]"
        case .mapping(let m):
            return "{" + m.entries.map { Emitter.jsonString($0.key.name) + ":" + json($0.value, side: side) }.joined(separator: ",") + "}"
        }
    }

    /// A reference kept symbolic by the evaluator.
    private func symbolic(_ node: Node, side: Side) -> String? {
        guard let (name, argument, _) = node.intrinsic else { return nil }
        let target: String?
        switch name {
        case "Ref": target = argument.text
        case "Fn::GetAtt": target = argument.sequence?.first?.text ?? argument.text.map { String($0.split(separator: ".").first ?? "") }
        default: return side == .after ? Self.knownAfterApply : nil
        }
        guard let target else { return nil }
        if side == .after, changedResources.contains(target) { return Self.knownAfterApply }
        if name == "Fn::GetAtt", let attribute = argument.sequence?.dropFirst().first?.text,
           let value = (side == .before ? oldTemplate : newTemplate).resource(target)?.properties?[attribute]?.text {
            // An attribute that mirrors a property of the same name has that property's value.
            return value
        }
        return "<ref:\(target)>"
    }
}
