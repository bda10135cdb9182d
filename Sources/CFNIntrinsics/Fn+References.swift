import CFNSchema
import CFNTemplate

// Ref, Fn::GetAtt, Fn::ImportValue, Fn::GetAZs.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ref.html
extension Evaluator {
    func fnRef(_ argument: Node, _ node: Node) -> Value {
        guard let name = argument.text, argument.scalar?.resolved.kind == .string else {
            report(.wrongArgumentType, "Ref takes the name of a parameter, resource or pseudo parameter, not \(Self.article(argument.kindName))",
                   at: argument.range)
            return .function("Ref", evaluate(argument), node.range)
        }
        return reference(name, at: node.range, nameRange: argument.range, function: "Ref")
    }

    /// What `Ref name` (or `${name}` in Fn::Sub) returns; nil-free: unknown names are reported
    /// and come back symbolic.
    func reference(_ name: String, at range: SourceRange, nameRange: SourceRange, function: String) -> Value {
        if let v = parameterValues[name] {
            var copy = v
            copy.range = range
            return copy
        }
        if let pseudo = context.pseudoParameter(name, range: range) { return pseudo }
        if let resource = template.resource(name) {
            checkNotRemoved(resource, at: nameRange)
            return .symbolic(.resourceId(logicalId: name), range)
        }
        if isGeneratedElsewhere(name) { return .symbolic(.resourceId(logicalId: name), range) }
        report(.unknownReference, "\(function) to '\(name)': no parameter, resource or pseudo parameter has that name", at: nameRange)
        return .symbolic(.parameter(name: name), range)
    }

    /// Resources a transform or module adds later: SAM makes `<Function>Role` and friends, a module
    /// `<ModuleId><ResourceId>`. References to those can't be checked here.
    func isGeneratedElsewhere(_ name: String) -> Bool {
        if template.isServerless { return true }
        return template.resources.contains { ($0.type ?? "").hasSuffix("::MODULE") && name.hasPrefix($0.logicalId) }
    }

    /// A reference to a resource whose condition is false fails at deploy time.
    func checkNotRemoved(_ resource: Resource, at range: SourceRange) {
        guard let c = resource.condition, conditionValue(named: c.name, at: c.range) == false else { return }
        report(.referenceToRemovedResource,
               "'\(resource.logicalId)' is not created (its condition \(c.name) is false) but is referenced here", at: range)
    }

    func fnGetAtt(_ argument: Node, _ node: Node) -> Value {
        var logicalId: String
        var attribute: Value
        var idRange = argument.range
        if let text = argument.text {
            guard let dot = text.firstIndex(of: ".") else {
                report(.wrongArgumentType, "Fn::GetAtt takes 'Resource.Attribute' or [Resource, Attribute], not '\(text)'", at: argument.range)
                return .function("Fn::GetAtt", evaluate(argument), node.range)
            }
            logicalId = String(text[..<dot])
            attribute = .string(String(text[text.index(after: dot)...]), argument.range)
        } else {
            guard let items = arguments("Fn::GetAtt", argument, 2...2, "[Resource, Attribute]") else {
                return .function("Fn::GetAtt", evaluate(argument), node.range)
            }
            var idNode = items[0]
            if usesLanguageExtensions, idNode.mapping != nil, let id = evaluate(idNode).stringValue {
                idNode = Node.string(id, range: idNode.range)  // the language extensions allow `!Sub` here
            }
            guard let id = idNode.text, idNode.scalar != nil else {
                report(.wrongArgumentType, "Fn::GetAtt's resource name must be a string", at: items[0].range)
                return .function("Fn::GetAtt", evaluate(argument), node.range)
            }
            logicalId = id
            idRange = items[0].range
            attribute = evaluate(items[1])
        }
        guard let resource = template.resource(logicalId) else {
            if template.parameter(logicalId) == nil, isGeneratedElsewhere(logicalId), let name = attribute.scalarText {
                return .symbolic(.attribute(logicalId: logicalId, name: name, type: nil), node.range)
            }
            let what = template.parameter(logicalId) != nil ? "'\(logicalId)' is a parameter, not a resource" : "no resource is named '\(logicalId)'"
            report(.unknownReference, "Fn::GetAtt: \(what)", at: idRange)
            return .function("Fn::GetAtt", .list([.string(logicalId, idRange), attribute]), node.range)
        }
        checkNotRemoved(resource, at: idRange)
        guard let name = attribute.scalarText else {
            if !attribute.isSymbolic {
                report(.wrongArgumentType, "Fn::GetAtt's attribute name must be a string, not \(attribute.kindName)", at: attribute.range)
            }
            return .function("Fn::GetAtt", .list([.string(logicalId, idRange), attribute]), node.range)
        }
        return .symbolic(.attribute(logicalId: logicalId, name: name, type: attributeType(resource, name)), node.range)
    }

    /// The attribute's JSON type from the resource type's schema, when known.
    private func attributeType(_ resource: Resource, _ name: String) -> String? {
        guard let type = resource.type, type.hasPrefix("AWS::"), !type.hasPrefix("AWS::Serverless") else { return nil }
        let key = type + "." + name
        if let cached = attributeTypes[key] { return cached }
        let found = context.registry.resourceType(type, region: context.region)?.attributeType(name)?.rawValue
        attributeTypes[key] = .some(found)
        return found
    }

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-importvalue.html
    func fnImportValue(_ argument: Node, _ node: Node) -> Value {
        let name = evaluate(argument)
        if Self.dependsOnResource(name) {
            report(.wrongArgumentType, "Fn::ImportValue's export name can't depend on a resource (Ref or GetAtt of one)", at: argument.range)
        } else if name.scalarText == nil, !name.isSymbolic {
            report(.wrongArgumentType, "Fn::ImportValue takes an export name, not \(name.kindName)", at: argument.range)
        }
        return .symbolic(.importValue(name), node.range)
    }

    static func dependsOnResource(_ v: Value) -> Bool {
        switch v.kind {
        case .symbolic(.resourceId), .symbolic(.attribute): return true
        case .symbolic(.function(_, let arg)): return dependsOnResource(arg)
        case .list(let items): return items.contains(where: dependsOnResource)
        case .map(let entries): return entries.contains { dependsOnResource($0.value) }
        default: return false
        }
    }

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html
    func fnGetAZs(_ argument: Node, _ node: Node) -> Value {
        var region = evaluate(argument)
        if case .null = region.kind { region = .string("", argument.range) }  // `!GetAZs` with nothing after it
        var failed = false
        guard let name = stringArgument(region, "Fn::GetAZs' region", failed: &failed) else {
            return .function("Fn::GetAZs", region, node.range)
        }
        let target = name.isEmpty ? context.region : name
        let zones = context.registry.availabilityZones(region: target)
        if zones.isEmpty {
            report(.wrongArgumentType, "Fn::GetAZs: no availability zones are known for region '\(target)'", at: argument.range)
            return .function("Fn::GetAZs", region, node.range)
        }
        return .list(zones.map { .string($0, node.range) }, node.range)
    }
}
