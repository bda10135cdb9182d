import CFNTemplate
import Foundation

/// `AWS::Serverless::Api` -> `AWS::ApiGateway::RestApi`, a `Deployment` whose logical id carries a
/// hash of the body (so a changed body is a new deployment, a Replace in the change set) and the `Stage`.
struct ServerlessApi {
    /// RestApi properties copied unchanged.
    static let restApiPassThrough = ["BinaryMediaTypes", "MinimumCompressionSize", "FailOnWarnings", "Name", "Description",
                                     "Mode", "ApiKeySourceType", "Policy", "SecurityPolicy", "EndpointAccessMode"]
    /// Stage properties copied unchanged.
    static let stagePassThrough = ["CacheClusterEnabled", "CacheClusterSize", "Variables", "MethodSettings",
                                   "AccessLogSetting", "CanarySetting", "TracingEnabled"]
    static let handled: Set<String> = Set(restApiPassThrough + stagePassThrough + [
        "StageName", "DefinitionBody", "DefinitionUri", "EndpointConfiguration", "OpenApiVersion",
        "DisableExecuteApiEndpoint", "Tags", "AlwaysDeploy", "__MANAGE_SWAGGER",
    ])
    static let openApi3 = try! NSRegularExpression(pattern: #"\A3(\.\d)(\.\d)?$"#)
    static let openApiAny = try! NSRegularExpression(pattern: #"\A[2-3](\.\d)(\.\d)?$"#)

    let logicalId: String
    let range: SourceRange
    let properties: Mapping
    let routes: [ApiRoute]
    /// SAM writes the body (no DefinitionBody/DefinitionUri, or the implicit API).
    let managed: Bool
    var partition = "aws"

    private var invalid: String { "Resource with id [\(logicalId)] is invalid. " }

    static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    func expand(into out: inout GeneratedResources, conditions: inout [Mapping.Entry], errors: inout [TransformError]) {
        let before = errors.count
        for entry in properties.entries where !Self.handled.contains(entry.key.name) {
            errors.append(.unsupported("Api property '\(entry.key.name)'", at: entry.key.range))
        }
        guard let stageName = properties["StageName"] else {
            errors.append(TransformError(invalid + "Missing required property 'StageName'.", at: range))
            return
        }
        if properties["DefinitionUri"] != nil && properties["DefinitionBody"] != nil {
            errors.append(TransformError(invalid + "Specify either 'DefinitionUri' or 'DefinitionBody' property and not both.", at: range))
        }
        let version = properties["OpenApiVersion"]
        if let version, let text = version.text, version.mapping == nil, !Self.matches(Self.openApiAny, text) {
            errors.append(TransformError(invalid + "The OpenApiVersion value must be of the format '3.0.0'.", at: version.range))
        }
        var body: Node? = properties["DefinitionBody"]
        if let given = body, given.mapping == nil || given.intrinsic != nil {
            if given.intrinsic == nil {
                errors.append(TransformError(invalid + "Property 'DefinitionBody' should be a map.", at: given.range))
            }
        }
        if managed {
            var managedBody = ManagedApiBody(apiId: logicalId, range: range)
            managedBody.partition = partition
            var built = managedBody.adding(routes, to: body ?? ManagedApiBody.skeleton(at: range), conditions: &conditions, errors: &errors)
            if let text = version?.text, Self.matches(Self.openApi3, text), var top = built.mapping {
                top.set("openapi", .string(text, range: version!.range))
                top.remove("swagger")
                built = .map(top, range: built.range)
            }
            body = built
        }
        if let binary = properties["BinaryMediaTypes"], var top = body?.mapping, body?.intrinsic == nil {
            top.set("x-amazon-apigateway-binary-media-types", Self.slashes(binary))
            body = .map(top, range: body!.range)
        }
        if let disable = properties["DisableExecuteApiEndpoint"] {
            if let current = body, var top = current.mapping {
                let setting = Node.object([("disableExecuteApiEndpoint", disable)], at: disable.range)
                if let openapi = top["openapi"]?.text, Self.matches(Self.openApi3, openapi) {
                    let servers = top["servers"]?.sequence ?? [.map(Mapping(), range: disable.range)]
                    top.set("servers", .list(servers.map { server in
                        var m = server.mapping ?? Mapping()
                        var config = m["x-amazon-apigateway-endpoint-configuration"]?.mapping ?? Mapping()
                        config.set("disableExecuteApiEndpoint", disable)
                        m.set("x-amazon-apigateway-endpoint-configuration", .map(config, range: disable.range))
                        return .map(m, range: server.range)
                    }, range: disable.range))
                } else {
                    var config = top["x-amazon-apigateway-endpoint-configuration"]?.mapping ?? Mapping()
                    config.set("disableExecuteApiEndpoint", disable)
                    top.set("x-amazon-apigateway-endpoint-configuration", .map(config, range: disable.range))
                    _ = setting
                }
                body = .map(top, range: current.range)
            } else {
                errors.append(TransformError(invalid + "DisableExecuteApiEndpoint works only within 'DefinitionBody' property.", at: disable.range))
            }
        }
        var restApi: [(String, Node)] = []
        var swagger: Node?
        if let uri = properties["DefinitionUri"] {
            if let location = bodyS3Location(uri, errors: &errors) {
                restApi.append(("BodyS3Location", location))
                swagger = location
            }
        } else if let current = body {
            let processed = OpenApi3Body.postprocess(current, version: version?.text)
            restApi.append(("Body", processed))
            swagger = processed
        }
        for name in Self.restApiPassThrough { if let v = properties[name] { restApi.append((name, v)) } }
        if let endpoint = properties["EndpointConfiguration"] {
            endpointConfiguration(endpoint, into: &restApi, errors: &errors)
        }
        guard errors.count == before else { return }
        out.add(logicalId, .resource("AWS::ApiGateway::RestApi", restApi, at: range), at: range)

        var deploymentId = logicalId + "Deployment"
        var deployment: [(String, Node)] = []
        if let swagger {
            var data = LogicalIdHash.json(swagger)
            if let version = version?.text { data += "||" + version }
            if properties["AlwaysDeploy"]?.text == "true" { data = String(Int(Date().timeIntervalSince1970)) }
            let digest = LogicalIdHash.sha1(data)
            deploymentId += String(digest.prefix(10))
            deployment.append(("Description", .string("RestApi deployment id: \(digest)", range: range)))
        }
        deployment.append(("RestApiId", .ref(logicalId, at: range)))
        if version == nil { deployment.append(("StageName", .string("Stage", range: range))) }
        out.add(deploymentId, .resource("AWS::ApiGateway::Deployment", deployment, at: range), at: range)

        let prefix = stageName.scalar != nil ? (stageName.stringValue ?? "") : ""
        let stageId = LogicalIdHash.named(logicalId, prefix, "Stage")
        var stage: [(String, Node)] = [
            ("DeploymentId", .ref(deploymentId, at: range)),
            ("RestApiId", .ref(logicalId, at: range)),
            ("StageName", stageName),
        ]
        for name in Self.stagePassThrough { if let v = properties[name] { stage.append((name, v)) } }
        let tags = Tags.list(properties["Tags"], errors: &errors)
        if properties["Tags"] != nil { stage.append(("Tags", .list(tags, range: range))) }
        out.add(stageId, .resource("AWS::ApiGateway::Stage", stage, at: range), at: range)
    }

    static func isAlphanumeric(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber }
    }

    /// `~1` in binary media types is the JSON-pointer spelling of `/`.
    private static func slashes(_ node: Node) -> Node {
        switch node.value {
        case .scalar(let s): return .string(s.text.replacingOccurrences(of: "~1", with: "/"), range: node.range)
        case .sequence(let items): return .list(items.map(slashes), range: node.range)
        case .mapping(let m):
            return .map(Mapping(m.entries.map { .init(key: MappingKey($0.key.name.replacingOccurrences(of: "~1", with: "/"), range: $0.key.range), value: slashes($0.value)) }), range: node.range)
        }
    }

    private func bodyS3Location(_ uri: Node, errors: inout [TransformError]) -> Node? {
        if let mapping = uri.mapping, uri.intrinsic == nil {
            guard let bucket = mapping["Bucket"], let key = mapping["Key"] else {
                errors.append(TransformError(invalid + "'DefinitionUri' requires Bucket and Key properties to be specified.", at: uri.range))
                return nil
            }
            var pairs: [(String, Node)] = [("Bucket", bucket), ("Key", key)]
            if let v = mapping["Version"] { pairs.append(("Version", v)) }
            return .object(pairs, at: uri.range)
        }
        guard uri.scalar != nil, let text = uri.stringValue, let parts = S3Location.components(text) else {
            errors.append(TransformError(invalid + "'DefinitionUri' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.", at: uri.range))
            return nil
        }
        var pairs: [(String, Node)] = [("Bucket", .string(parts.bucket, range: uri.range)), ("Key", .string(parts.key, range: uri.range))]
        if let v = parts.version { pairs.append(("Version", .string(v, range: uri.range))) }
        return .object(pairs, at: uri.range)
    }

    private func endpointConfiguration(_ value: Node, into restApi: inout [(String, Node)], errors: inout [TransformError]) {
        let r = value.range
        if let mapping = value.mapping, value.intrinsic == nil, let type = mapping["Type"] {
            restApi.append(("Parameters", .object([("endpointConfigurationTypes", type)], at: r)))
            var config: [(String, Node)] = [("Types", .list([type], range: r))]
            if mapping["VPCEndpointIds"] != nil && mapping["VpcEndpointIds"] != nil {
                errors.append(TransformError(invalid + "'VPCEndpointIds' and 'VpcEndpointIds' cannot be used together in EndpointConfiguration.", at: r))
            }
            if let ids = mapping["VPCEndpointIds"] ?? mapping["VpcEndpointIds"] { config.append(("VpcEndpointIds", ids)) }
            if let ip = mapping["IpAddressType"] { config.append(("IpAddressType", ip)) }
            restApi.append(("EndpointConfiguration", .object(config, at: r)))
        } else {
            restApi.append(("EndpointConfiguration", .object([("Types", .list([value], range: r))], at: r)))
            restApi.append(("Parameters", .object([("endpointConfigurationTypes", value)], at: r)))
        }
    }
}
