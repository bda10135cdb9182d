import CFNTemplate

/// Every function's `Api` events, read before any resource is expanded (as the translator's implicit
/// API plugin does): the routes of each REST API, and whether the implicit `ServerlessRestApi` is needed.
struct RestApiRoutes {
    static let implicitApiId = "ServerlessRestApi"

    private(set) var byApi: [String: [ApiRoute]] = [:]
    /// Routes by function logical id, then event name.
    private(set) var byFunction: [String: [String: ApiRoute]] = [:]
    /// The position of the first event on the implicit API (where its generated resources point).
    private(set) var implicitRange: SourceRange?

    init(template: Template, globals: Globals, errors: inout [TransformError]) {
        var byId: [String: Resource] = [:]
        for resource in template.resources { byId[resource.logicalId] = resource }
        for resource in template.resources where resource.type == "AWS::Serverless::Function" {
            let properties = globals.apply(to: resource.properties?.mapping ?? Mapping(), type: "AWS::Serverless::Function")
            guard let events = properties["Events"]?.mapping else { continue }
            for entry in events.entries where entry.value["Type"]?.stringValue == "Api" {
                guard let eventProperties = entry.value["Properties"]?.mapping, !eventProperties.isEmpty else { continue }
                if let route = Self.route(function: resource, properties: properties, event: entry, eventProperties: eventProperties,
                                          resources: byId, globals: globals, errors: &errors) {
                    byApi[route.apiId, default: []].append(route)
                    byFunction[resource.logicalId, default: [:]][entry.key.name] = route
                    if route.apiId == Self.implicitApiId && implicitRange == nil { implicitRange = entry.value.range }
                }
            }
        }
    }

    private static func route(function: Resource, properties: Mapping, event: Mapping.Entry, eventProperties: Mapping,
                              resources: [String: Resource], globals: Globals, errors: inout [TransformError]) -> ApiRoute? {
        let prefix = "Resource with id [\(function.logicalId)] is invalid. Event with id [\(event.key.name)] is invalid. "
        let apiIdNode: Node
        let apiId: String
        if let written = eventProperties["RestApiId"] {
            let name = written.intrinsic.flatMap { $0.name == "Ref" ? $0.argument.stringValue : nil } ?? (written.scalar != nil ? written.stringValue : nil)
            guard let name, let target = resources[name], target.type != "AWS::Serverless::HttpApi" else {
                errors.append(TransformError(prefix + "RestApiId must be a valid reference to an 'AWS::Serverless::Api' resource in same template.", at: written.range))
                return nil
            }
            _ = target
            apiIdNode = written
            apiId = name
        } else {
            apiIdNode = .ref(implicitApiId, at: event.value.range)
            apiId = implicitApiId
        }
        guard let path = eventProperties["Path"]?.stringValue, eventProperties["Path"]?.scalar != nil else {
            errors.append(TransformError(prefix + "Property 'Path' is required and must be a string.", at: eventProperties["Path"]?.range ?? event.value.range))
            return nil
        }
        guard let method = eventProperties["Method"]?.stringValue, eventProperties["Method"]?.scalar != nil else {
            errors.append(TransformError(prefix + "Property 'Method' is required and must be a string.", at: eventProperties["Method"]?.range ?? event.value.range))
            return nil
        }
        var suffix = "Prod"
        if apiId != implicitApiId, let target = resources[apiId] {
            let stage = globals.apply(to: target.properties?.mapping ?? Mapping(), type: target.type ?? "")["StageName"]
            if let stage, stage.scalar != nil, let text = stage.stringValue {
                if text.isEmpty {
                    errors.append(TransformError("Resource with id [\(apiId)] is invalid. StageName cannot be empty.", at: stage.range))
                    return nil
                }
                suffix = text
            } else {
                suffix = "Stage"
            }
        }
        var invokeTarget = "${\(function.logicalId).Arn}"
        if let alias = properties["AutoPublishAlias"]?.stringValue, properties["AutoPublishAlias"]?.scalar != nil {
            invokeTarget = "${\(function.logicalId)Alias\(alias)}"
        }
        return ApiRoute(apiId: apiId, apiIdNode: apiIdNode, stageSuffix: suffix, path: path, method: method,
                        function: function.logicalId, invokeTarget: invokeTarget, condition: function.conditionNode?.stringValue,
                        deletionPolicy: function.deletionPolicy?.stringValue, updateReplacePolicy: function.updateReplacePolicy?.stringValue,
                        timeout: eventProperties["TimeoutInMillis"],
                        streaming: eventProperties["ResponseTransferMode"]?.stringValue == "RESPONSE_STREAM",
                        event: event.key.name, range: event.value.range)
    }
}
