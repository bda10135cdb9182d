import CFNTemplate

/// `AWS::Serverless::SimpleTable` -> a DynamoDB table keyed by `PrimaryKey` (default `id`, String),
/// on-demand unless `ProvisionedThroughput` is given.
struct SimpleTable {
    static let attributeTypes = ["String": "S", "Number": "N", "Binary": "B"]
    static let passThrough = ["ProvisionedThroughput", "TableName", "SSESpecification", "PointInTimeRecoverySpecification"]

    let logicalId: String
    let range: SourceRange
    let properties: Mapping

    func expand(into out: inout GeneratedResources, errors: inout [TransformError]) {
        for entry in properties.entries where entry.key.name != "PrimaryKey" && entry.key.name != "Tags" && !Self.passThrough.contains(entry.key.name) {
            errors.append(.unsupported("SimpleTable property '\(entry.key.name)'", at: entry.key.range))
        }
        var keyName: Node = .string("id", range: range)
        var keyType: Node = .string("S", range: range)
        if let key = properties["PrimaryKey"] {
            if let name = key["Name"] { keyName = name } else {
                errors.append(TransformError("Resource with id [\(logicalId)] is invalid. Property 'PrimaryKey.Name' is required.", at: key.range))
            }
            if key["Type"] == nil {
                errors.append(TransformError("Resource with id [\(logicalId)] is invalid. Property 'PrimaryKey.Type' is required.", at: key.range))
            }
            if let type = key["Type"] {
                if let text = type.stringValue, let short = Self.attributeTypes[text] {
                    keyType = .string(short, range: type.range)
                } else {
                    errors.append(TransformError("Resource with id [\(logicalId)] is invalid. Property 'PrimaryKey.Type' must be one of String, Number, Binary", at: type.range))
                }
            }
        }
        var pairs: [(String, Node)] = [
            ("AttributeDefinitions", .list([.object([("AttributeName", keyName), ("AttributeType", keyType)], at: range)], range: range)),
            ("KeySchema", .list([.object([("AttributeName", keyName), ("KeyType", .string("HASH", range: range))], at: range)], range: range)),
        ]
        if properties["ProvisionedThroughput"] == nil { pairs.append(("BillingMode", .string("PAY_PER_REQUEST", range: range))) }
        for name in Self.passThrough { if let v = properties[name] { pairs.append((name, v)) } }
        let tags = Tags.list(properties["Tags"], errors: &errors)
        if !tags.isEmpty { pairs.append(("Tags", .list(tags, range: range))) }
        out.add(logicalId, .resource("AWS::DynamoDB::Table", pairs, at: range), at: range)
    }
}
