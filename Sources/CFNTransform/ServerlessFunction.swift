import CFNTemplate

/// `AWS::Serverless::Function` -> `AWS::Lambda::Function`, its execution role and one set of
/// resources per event source.
struct ServerlessFunction {
    var partition = "aws"
    /// This function's `Api` events by event name, as `RestApiRoutes` read them.
    var apiRoutes: [String: ApiRoute] = [:]
    /// Properties copied to the Lambda function unchanged, in the order CloudFormation lists them.
    static let passThrough = [
        "FunctionName", "Description", "MemorySize", "Timeout", "Environment", "VpcConfig", "KmsKeyArn",
        "ReservedConcurrentExecutions", "Layers", "Architectures", "EphemeralStorage", "PackageType",
        "ImageConfig", "FileSystemConfigs", "CodeSigningConfigArn", "SnapStart", "RuntimeManagementConfig",
        "LoggingConfig", "RecursiveLoop", "Handler", "Runtime",
    ]
    /// Properties read by the transform itself.
    static let handled: Set<String> = [
        "CodeUri", "InlineCode", "ImageUri", "Role", "Policies", "Tags", "Tracing", "DeadLetterQueue", "Events",
        "PermissionsBoundary", "RolePath", "AssumeRolePolicyDocument", "AutoPublishAlias", "VersionDescription",
    ]

    let logicalId: String
    let range: SourceRange
    let properties: Mapping

    func expand(into out: inout GeneratedResources, errors: inout [TransformError]) {
        for entry in properties.entries where !Self.handled.contains(entry.key.name) && !Self.passThrough.contains(entry.key.name) {
            errors.append(.unsupported("Function property '\(entry.key.name)'", at: entry.key.range))
        }
        let packageType = properties["PackageType"]?.stringValue ?? "Zip"
        if packageType == "Zip" && (properties["Handler"] == nil || properties["Runtime"] == nil) && properties["ImageUri"] == nil {
            errors.append(TransformError("Resource with id [\(logicalId)] is invalid. Runtime and Handler needs to be present when PackageType is of type `Zip`", at: range))
        }
        if let role = properties["Role"], role.sequence != nil || (role.mapping != nil && role.intrinsic == nil) {
            errors.append(TransformError("Resource with id [\(logicalId)] is invalid. Property 'Role' should be a string.", at: role.range))
        }
        var lambda: [(String, Node)] = []
        if let code = code(errors: &errors) { lambda.append(("Code", code)) }
        for name in Self.passThrough { if let value = properties[name] { lambda.append((name, value)) } }
        if let tracing = properties["Tracing"] {
            lambda.append(("TracingConfig", .object([("Mode", tracing)], at: tracing.range)))
        }
        if let dlq = properties["DeadLetterQueue"] {
            if let target = dlq["TargetArn"] {
                lambda.append(("DeadLetterConfig", .object([("TargetArn", target)], at: dlq.range)))
            } else {
                errors.append(TransformError("Resource with id [\(logicalId)] is invalid. 'DeadLetterQueue' requires 'TargetArn'", at: dlq.range))
            }
        }
        let tags = Tags.lambda(properties["Tags"], at: range, errors: &errors)
        lambda.append(("Tags", tags))

        var events: [EventSource] = []
        if let node = properties["Events"] {
            if let mapping = node.mapping {
                for entry in mapping.entries {
                    if let event = EventSource.make(name: entry.key, node: entry.value, function: logicalId, errors: &errors) {
                        events.append(event)
                    }
                }
            } else {
                errors.append(TransformError("Resource with id [\(logicalId)] is invalid. 'Events' must be a map", at: node.range))
            }
        }

        if let role = properties["Role"] {
            lambda.append(("Role", role))
        } else {
            let roleId = logicalId + "Role"
            lambda.append(("Role", .getAtt(roleId, "Arn", at: range)))
            var role = FunctionRole(function: logicalId, properties: properties, range: range,
                                    eventPolicies: events.compactMap(\.managedPolicy))
            role.partition = partition
            out.add(roleId, role.node(tags: tags, errors: &errors), at: range)
        }
        lambda.sort { Self.order($0.0) < Self.order($1.0) }
        let alias = publishAlias(code: lambda.first { $0.0 == "Code" }?.1, into: &out, errors: &errors)
        out.add(logicalId, .resource("AWS::Lambda::Function", lambda, at: range), at: range)
        for var event in events {
            event.alias = alias
            event.apiRoute = apiRoutes[event.name]
            event.partition = partition
            event.expand(into: &out)
        }
    }

    /// `AutoPublishAlias`: a version whose logical id carries a hash of the code (a new version, so
    /// a Replace in the change set, exactly when the code changes) and the alias pointing at it.
    /// Returns the alias's logical id, which event sources then invoke.
    private func publishAlias(code: Node?, into out: inout GeneratedResources, errors: inout [TransformError]) -> String? {
        guard let name = properties["AutoPublishAlias"] else { return nil }
        guard let text = name.stringValue, name.scalar != nil, !text.isEmpty,
              text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            errors.append(.unsupported("an 'AutoPublishAlias' that is not a plain alphanumeric name", at: name.range))
            return nil
        }
        let versionId = logicalId + "Version" + LogicalIdHash.of(code ?? .map(Mapping()))
        var version: [(String, Node)] = []
        if let description = properties["VersionDescription"] { version.append(("Description", description)) }
        version.append(("FunctionName", .ref(logicalId, at: range)))
        var versionNode = Node.resource("AWS::Lambda::Version", version, at: range)
        if var mapping = versionNode.mapping {
            mapping.set("DeletionPolicy", .string("Retain", range: range))
            versionNode = .map(mapping, range: range)
        }
        out.add(versionId, versionNode, at: range)
        let aliasId = logicalId + "Alias" + text
        out.add(aliasId, .resource("AWS::Lambda::Alias", [
            ("FunctionName", .ref(logicalId, at: range)),
            ("FunctionVersion", .getAtt(versionId, "Version", at: range)),
            ("Name", name),
        ], at: name.range), at: range)
        return aliasId
    }

    private static func order(_ name: String) -> Int { name == "Code" ? -1 : 0 }

    private func code(errors: inout [TransformError]) -> Node? {
        if let inline = properties["InlineCode"] { return .object([("ZipFile", inline)], at: inline.range) }
        if let image = properties["ImageUri"] { return .object([("ImageUri", image)], at: image.range) }
        guard let uri = properties["CodeUri"] else {
            errors.append(TransformError("Resource with id [\(logicalId)] is invalid. Only one of 'InlineCode' or 'CodeUri' can be set.", at: range))
            return nil
        }
        return S3Location.code(uri, owner: logicalId, errors: &errors)
    }
}
