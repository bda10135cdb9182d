import CFNTemplate

/// The result of expanding a template: the CloudFormation template, or the errors that stop it.
public struct TransformResult: Sendable {
    public var template: Template?
    public var errors: [TransformError]
    /// Transforms left for CloudFormation to run (macros, `AWS::Include`), with why.
    public var notes: [String]
}

/// `AWS::Serverless-2016-10-31` expanded offline: SAM resources become the CloudFormation resources
/// the translator generates, under the same logical ids; other resources pass unchanged.
public struct SAMTransform: Sendable {
    public var region: String

    public init(region: String = "us-east-1") { self.region = region }

    var partition: String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }

    /// Resource attributes the resource keeping the SAM logical id inherits; the others get `shared`.
    static let inherited = ["Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy", "Metadata"]
    static let shared = ["Condition", "DeletionPolicy", "UpdateReplacePolicy"]

    public func expand(_ template: Template) -> TransformResult {
        var errors: [TransformError] = []
        var notes: [String] = []
        guard var top = template.root.mapping else {
            return TransformResult(template: nil, errors: [TransformError("the template must be a map", at: template.root.range)], notes: [])
        }
        let globals = Globals(top["Globals"], errors: &errors)
        var others: [Node] = []
        for transform in template.transforms where !(transform.stringValue ?? "").hasPrefix("AWS::Serverless") {
            others.append(transform)
            notes.append("\(transform.range): note: transform '\(transform.text ?? "?")' runs in CloudFormation and is left as it is")
        }
        let routes = RestApiRoutes(template: template, globals: globals, errors: &errors)
        let implicitRoutes = routes.byApi[RestApiRoutes.implicitApiId] ?? []
        var conditions: [Mapping.Entry] = []
        var resources = Mapping()
        func emit(_ generated: GeneratedResources, from source: Node, logicalId: String) {
            for entry in generated.entries {
                resources.append(.init(key: entry.key, value: inherit(entry.value, from: source,
                                                                       names: entry.key.name == logicalId ? Self.inherited : Self.shared)))
            }
        }
        for resource in template.resources {
            if let connectors = resource.node["Connectors"] {
                errors.append(.unsupported("embedded 'Connectors'", at: connectors.range))
            }
            // Events on the implicit API replace a resource of that name, as in the translator.
            if resource.logicalId == RestApiRoutes.implicitApiId && !implicitRoutes.isEmpty { continue }
            guard let type = resource.type, type.hasPrefix("AWS::Serverless::") else {
                resources.append(.init(key: resource.key, value: resource.node))
                continue
            }
            var generated = GeneratedResources()
            let properties = globals.apply(to: resource.properties?.mapping ?? Mapping(), type: type)
            let range = resource.key.range
            switch type {
            case "AWS::Serverless::Function":
                var function = ServerlessFunction(logicalId: resource.logicalId, range: range, properties: properties)
                function.partition = partition
                function.apiRoutes = routes.byFunction[resource.logicalId] ?? [:]
                function.expand(into: &generated, errors: &errors)
            case "AWS::Serverless::Api":
                let raw = resource.properties?.mapping
                let managed = raw?["DefinitionBody"] == nil && raw?["DefinitionUri"] == nil
                var api = ServerlessApi(logicalId: resource.logicalId, range: range, properties: properties,
                                        routes: managed ? routes.byApi[resource.logicalId] ?? [] : [], managed: managed)
                api.partition = partition
                api.expand(into: &generated, conditions: &conditions, errors: &errors)
            case "AWS::Serverless::SimpleTable":
                SimpleTable(logicalId: resource.logicalId, range: range, properties: properties).expand(into: &generated, errors: &errors)
            default:
                errors.append(.unsupported("resource type '\(type)'", at: resource.typeNode?.range ?? range))
            }
            emit(generated, from: resource.node, logicalId: resource.logicalId)
        }
        if let range = routes.implicitRange, !implicitRoutes.isEmpty {
            let source = ImplicitRestApi(routes: implicitRoutes, range: range).node(conditions: &conditions)
            var properties = globals.apply(to: Mapping([.init(key: MappingKey("StageName", range: range), value: .string("Prod", range: range))]),
                                           type: "AWS::Serverless::Api")
            properties.set("StageName", .string("Prod", range: range))
            properties.remove("DefinitionBody")
            properties.remove("DefinitionUri")
            var generated = GeneratedResources()
            var api = ServerlessApi(logicalId: RestApiRoutes.implicitApiId, range: range, properties: properties,
                                    routes: implicitRoutes, managed: true)
            api.partition = partition
            api.expand(into: &generated, conditions: &conditions, errors: &errors)
            emit(generated, from: source, logicalId: RestApiRoutes.implicitApiId)
        }
        guard errors.isEmpty else {
            return TransformResult(template: nil, errors: errors.sorted { ($0.range.start) < ($1.range.start) }, notes: notes)
        }
        var out = Mapping()
        if !conditions.isEmpty && top["Conditions"] == nil {
            // Conditions the transform combines go where CloudFormation expects them, before Resources.
            for entry in top.entries {
                if entry.key.name == "Resources" { out.append(.init(key: MappingKey("Conditions", range: entry.key.range), value: .map(Mapping(conditions), range: entry.key.range))) }
                out.append(entry)
            }
            top = out
            out = Mapping()
        }
        for entry in top.entries {
            switch entry.key.name {
            case "Conditions":
                var merged = entry.value.mapping ?? Mapping()
                for condition in conditions { merged.set(condition.key.name, condition.value) }
                out.append(.init(key: entry.key, value: .map(merged, range: entry.value.range)))
            case "Globals": continue
            case "Transform":
                if !others.isEmpty { out.append(.init(key: entry.key, value: others.count == 1 ? others[0] : .list(others, range: entry.value.range))) }
            case "Resources": out.append(.init(key: entry.key, value: .map(resources, range: entry.value.range)))
            default: out.append(entry)
            }
        }
        let root = Node.map(out, range: template.root.range)
        return TransformResult(template: Template(root: root, path: template.path, file: template.file, format: template.format,
                                                  byteCount: template.byteCount), errors: [], notes: notes)
    }

    private func inherit(_ generated: Node, from source: Node, names: [String]) -> Node {
        guard var mapping = generated.mapping else { return generated }
        for name in names where mapping[name] == nil {
            if let value = source[name] { mapping.set(name, value) }
        }
        return .map(mapping, range: generated.range)
    }
}
