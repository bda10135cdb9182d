import CFNTemplate

/// Finds the references inside one part of a template: Ref, both GetAtt forms, every `${X}` and
/// `${X.Attr}` of Fn::Sub (string and variable-map forms), Condition names inside condition
/// functions and Fn::If, and Fn::FindInMap mapping names.
///
/// With a condition resolver, only the taken branch of an Fn::If is followed.
struct ReferenceCollector {
    /// A reference before it is matched to a node.
    struct Reference {
        var target: String
        var kind: EdgeKind
        var attribute: String?
        var range: SourceRange
        var path: [String]
        /// True for `Condition` names (resolved against the Conditions section).
        var isConditionName: Bool { kind == .condition }
    }

    let conditionValue: (String) -> Bool?
    /// ForEach loop identifiers in scope, which are not references.
    private var loopIdentifiers: Set<String> = []

    init(conditionValue: @escaping (String) -> Bool? = { _ in nil }) {
        self.conditionValue = conditionValue
    }

    func collect(_ node: Node, path: [String]) -> [Reference] {
        var found: [Reference] = []
        var me = self
        me.walk(node, path: path, inConditionFunction: false, into: &found)
        return found
    }

    /// References inside a condition expression (the Conditions section), where `Condition` names count.
    func collectCondition(_ node: Node, path: [String]) -> [Reference] {
        var found: [Reference] = []
        var me = self
        me.walk(node, path: path, inConditionFunction: true, into: &found)
        return found
    }

    private mutating func walk(_ node: Node, path: [String], inConditionFunction: Bool, into found: inout [Reference]) {
        switch node.value {
        case .scalar:
            return
        case .sequence(let items):
            for (i, item) in items.enumerated() {
                walk(item, path: path + [String(i)], inConditionFunction: inConditionFunction, into: &found)
            }
        case .mapping(let mapping):
            if mapping.count == 1, let entry = mapping.entries.first, handleIntrinsic(entry, path: path,
                inConditionFunction: inConditionFunction, into: &found) {
                return
            }
            for entry in mapping.entries {
                if entry.key.name.hasPrefix("Fn::ForEach::") {
                    walkForEach(entry, path: path + [entry.key.name], inConditionFunction: inConditionFunction, into: &found)
                    continue
                }
                walk(entry.value, path: path + [entry.key.name], inConditionFunction: inConditionFunction, into: &found)
            }
        }
    }

    /// Handles a single-key intrinsic mapping; returns false when the key is not one handled here.
    private mutating func handleIntrinsic(_ entry: Mapping.Entry, path: [String], inConditionFunction: Bool,
                                          into found: inout [Reference]) -> Bool {
        let argument = entry.value
        let here = path + [entry.key.name]
        switch entry.key.name {
        case "Ref":
            if let name = argument.text {
                if !name.hasPrefix("AWS::"), !loopIdentifiers.contains(name) {
                    found.append(Reference(target: name, kind: .ref, range: argument.range, path: here))
                }
            } else {
                walk(argument, path: here, inConditionFunction: inConditionFunction, into: &found)
            }
            return true
        case "Fn::GetAtt":
            if let text = argument.text {
                let (target, attribute) = SubString.splitVariable(text)
                found.append(Reference(target: target, kind: .getAtt, attribute: attribute, range: argument.range, path: here))
            } else if let items = argument.sequence, let first = items.first, let name = first.text {
                if !loopIdentifiers.contains(name) {
                    let attribute = items.count > 1 ? items[1].text : nil
                    found.append(Reference(target: name, kind: .getAtt, attribute: attribute, range: first.range, path: here))
                }
                for (i, item) in items.enumerated().dropFirst() {
                    walk(item, path: here + [String(i)], inConditionFunction: inConditionFunction, into: &found)
                }
            } else {
                walk(argument, path: here, inConditionFunction: inConditionFunction, into: &found)
            }
            return true
        case "Fn::Sub":
            var local: Set<String> = []
            var template: Node?
            if let items = argument.sequence {
                template = items.first
                if items.count > 1, let variables = items[1].mapping {
                    local = Set(variables.keys)
                    for variable in variables.entries {
                        walk(variable.value, path: here + ["1", variable.key.name], inConditionFunction: inConditionFunction, into: &found)
                    }
                }
            } else {
                template = argument
            }
            if let template, let text = template.text, let sub = try? SubString(parsing: text) {
                for variable in sub.variables {
                    let (target, attribute) = SubString.splitVariable(variable.name)
                    if target.hasPrefix("AWS::") || local.contains(variable.name) || local.contains(target)
                        || loopIdentifiers.contains(target) {
                        continue
                    }
                    found.append(Reference(target: target, kind: .sub, attribute: attribute, range: template.range, path: here))
                }
            } else if let template {
                walk(template, path: here, inConditionFunction: inConditionFunction, into: &found)
            }
            return true
        case "Fn::If":
            guard let items = argument.sequence, items.count == 3, let name = items[0].text else {
                walk(argument, path: here, inConditionFunction: inConditionFunction, into: &found)
                return true
            }
            found.append(Reference(target: name, kind: .condition, range: items[0].range, path: here + ["0"]))
            let value = conditionValue(name)
            if value != false { walk(items[1], path: here + ["1"], inConditionFunction: inConditionFunction, into: &found) }
            if value != true { walk(items[2], path: here + ["2"], inConditionFunction: inConditionFunction, into: &found) }
            return true
        case "Condition" where inConditionFunction:
            if let name = argument.text {
                found.append(Reference(target: name, kind: .condition, range: argument.range, path: here))
                return true
            }
            return false
        case "Fn::And", "Fn::Or", "Fn::Not", "Fn::Equals":
            walk(argument, path: here, inConditionFunction: true, into: &found)
            return true
        case "Fn::FindInMap":
            if let items = argument.sequence, let first = items.first {
                if let name = first.text {
                    found.append(Reference(target: name, kind: .findInMap, range: first.range, path: here))
                } else {
                    walk(first, path: here + ["0"], inConditionFunction: inConditionFunction, into: &found)
                }
                for (i, item) in items.enumerated().dropFirst() {
                    walk(item, path: here + [String(i)], inConditionFunction: inConditionFunction, into: &found)
                }
                return true
            }
            return false
        default:
            return false
        }
    }

    /// `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: Body}]`: the identifier is not a reference.
    private mutating func walkForEach(_ entry: Mapping.Entry, path: [String], inConditionFunction: Bool,
                                      into found: inout [Reference]) {
        guard let items = entry.value.sequence, items.count == 3, let identifier = items[0].text else {
            walk(entry.value, path: path, inConditionFunction: inConditionFunction, into: &found)
            return
        }
        walk(items[1], path: path + ["1"], inConditionFunction: inConditionFunction, into: &found)
        let saved = loopIdentifiers
        loopIdentifiers.insert(identifier)
        walk(items[2], path: path + ["2"], inConditionFunction: inConditionFunction, into: &found)
        loopIdentifiers = saved
    }
}
