import CFNTemplate

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html
// `${Name}` is a Ref, `${Res.Attr}` a GetAtt, `${!Text}` the literal `${Text}`; the list form's map
// supplies variables first. Variables known only at deploy time stay as `${Name}` in a partial Sub.
extension Evaluator {
    func fnSub(_ argument: Node, _ node: Node) -> Value {
        var textNode = argument
        var variablesNode: Node?
        if let items = argument.sequence {
            guard (1...2).contains(items.count) else {
                report(.wrongArgumentCount, "Fn::Sub takes a string or [string, {variables}], not \(items.count) arguments", at: argument.range)
                return .function("Fn::Sub", evaluate(argument), node.range)
            }
            textNode = items[0]
            variablesNode = items.count == 2 ? items[1] : nil
        }
        if textNode.intrinsic?.name == "Fn::Transform" {  // a macro's output: known only at deploy time
            return .function("Fn::Sub", evaluate(argument), node.range)
        }
        guard let text = textNode.text, textNode.scalar != nil else {
            report(.wrongArgumentType, "Fn::Sub's string must be a literal string, not \(Self.article(textNode.kindName))", at: textNode.range)
            return .function("Fn::Sub", evaluate(argument), node.range)
        }
        var variables: [(name: String, keyRange: SourceRange, value: Value)] = []
        if let variablesNode {
            guard let m = variablesNode.mapping else {
                report(.wrongArgumentType, "Fn::Sub's variables must be a mapping of names to values", at: variablesNode.range)
                return .function("Fn::Sub", evaluate(argument), node.range)
            }
            for e in m.entries { variables.append((e.key.name, e.key.range, evaluate(e.value))) }
        }
        if text.utf8.count > context.subLengthLimit, text.count > context.subLengthLimit {
            report(.limitExceeded, "Fn::Sub string is \(text.count) characters, more than the limit of \(context.subLengthLimit)", at: textNode.range)
            return .function("Fn::Sub", evaluate(argument), node.range)
        }
        let parsed: SubString
        do {
            parsed = try SubString(parsing: text)
        } catch {
            report(.invalidSub, "Fn::Sub: \(error.message)", at: Self.position(in: textNode, offset: error.offset))
            return .function("Fn::Sub", evaluate(argument), node.range)
        }
        var known = ""          // the result, while every variable is known
        var partialText = ""    // the Sub string with known values filled in, for a partial result
        var keptVariables: [Value.Entry] = []
        var isPartial = false
        var isDynamic = false
        for part in parsed.parts {
            switch part {
            case .literal(let s):
                known += s
                partialText += Self.escapeSub(s)
            case .variable(let name, let offset):
                let at = Self.position(in: textNode, offset: offset)
                let value: Value
                if let v = variables.first(where: { $0.name == name }) {
                    value = v.value
                    if value.isSymbolic, !keptVariables.contains(where: { $0.key == name }) {
                        keptVariables.append(Value.Entry(key: name, keyRange: v.keyRange, value: value))
                    }
                } else {
                    value = subVariable(name, at: at)
                }
                if let t = value.scalarText {
                    known += t
                    partialText += Self.escapeSub(t)
                } else if case .symbolic(.dynamicReference(let t)) = value.kind {
                    known += t
                    partialText += Self.escapeSub(t)
                    isDynamic = true
                } else if value.isSymbolic {
                    isPartial = true
                    partialText += "${\(name)}"
                } else {
                    report(.wrongArgumentType, "Fn::Sub variable ${\(name)} is \(value.kindName); only strings can be substituted", at: at)
                    isPartial = true
                    partialText += "${\(name)}"
                }
            }
        }
        if isPartial {
            let string = Value.string(partialText, textNode.range)
            if keptVariables.isEmpty { return .function("Fn::Sub", string, node.range) }
            return .function("Fn::Sub", .list([string, Value(.map(keptVariables), range: variablesNode?.range ?? node.range)],
                                              argument.range), node.range)
        }
        return isDynamic ? .symbolic(.dynamicReference(known), node.range) : .string(known, node.range)
    }

    /// `${Name}` (a Ref) or `${Resource.Attribute}` (a GetAtt) outside the variable map.
    private func subVariable(_ name: String, at range: SourceRange) -> Value {
        let (target, attribute) = SubString.splitVariable(name)
        guard let attribute else { return reference(target, at: range, nameRange: range, function: "Fn::Sub variable") }
        guard let resource = template.resource(target) else {
            if isGeneratedElsewhere(target) { return .symbolic(.attribute(logicalId: target, name: attribute, type: nil), range) }
            report(.unknownReference, "Fn::Sub variable ${\(name)}: no resource is named '\(target)'", at: range)
            return .symbolic(.parameter(name: name), range)
        }
        checkNotRemoved(resource, at: range)
        return .symbolic(.attribute(logicalId: target, name: attribute, type: nil), range)
    }

    /// Known text placed back into a Sub string: `${` must be written `${!`.
    static func escapeSub(_ s: String) -> String {
        s.contains("${") ? s.replacingOccurrences(of: "${", with: "${!") : s
    }

    /// The position of a character in a one-line scalar (the node's start for multi-line ones).
    /// Counted back from the scalar's end, since a short-form tag (`!Sub 'x'`) moves its start.
    static func position(in node: Node, offset: Int) -> SourceRange {
        var r = node.range
        guard !r.isSynthetic, r.start.line == r.end.line, let scalar = node.scalar else { return r }
        let quote = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
        let column = r.end.column - quote - (scalar.text.count - offset)
        guard column >= r.start.column else { return r }
        r.start.column = column
        r.end = r.start
        return r
    }
}
