import CFNTemplate
import Foundation

/// One entry of a function's `Events`: the resources it generates and the managed policy the
/// function's role needs for it.
struct EventSource {
    let name: String
    let type: String
    let properties: Mapping
    let function: String
    let range: SourceRange
    /// The `AutoPublishAlias` alias, which the event invokes instead of the unqualified function.
    var alias: String?
    /// For an `Api` event: the route the REST API got from it (read before expansion by `RestApiRoutes`).
    var apiRoute: ApiRoute?
    var partition = "aws"

    static let supported: Set<String> = ["Api", "SQS", "Kinesis", "DynamoDB", "SNS", "Schedule", "CloudWatchEvent", "EventBridgeRule"]

    static func make(name: MappingKey, node: Node, function: String, errors: inout [TransformError]) -> EventSource? {
        guard let type = node["Type"]?.stringValue else {
            errors.append(TransformError("Resource with id [\(function)] is invalid. Event with id [\(name.name)] is invalid. 'Type' is required", at: node.range))
            return nil
        }
        guard supported.contains(type) else {
            errors.append(.unsupported("event source type '\(type)'", at: node["Type"]?.range ?? node.range))
            return nil
        }
        let properties = node["Properties"]?.mapping ?? Mapping()
        let event = function + name.name
        for required in requiredProperties[type] ?? [] where properties[required] == nil {
            errors.append(TransformError("Resource with id [\(event)] is invalid. Missing required property '\(required)'.", at: node.range))
        }
        if let known = handledProperties[type] {
            for entry in properties.entries where !known.contains(entry.key.name) {
                errors.append(.unsupported("\(type) event property '\(entry.key.name)'", at: entry.key.range))
            }
        }
        return EventSource(name: name.name, type: type, properties: properties, function: function, range: node.range)
    }

    static let requiredProperties: [String: [String]] = [
        "SQS": ["Queue"], "Kinesis": ["Stream", "StartingPosition"], "DynamoDB": ["Stream", "StartingPosition"],
        "SNS": ["Topic"], "Schedule": ["Schedule"], "Api": ["Path", "Method"],
    ]

    /// The properties each rule-based or push event reads; anything else is reported unsupported.
    static let handledProperties: [String: Set<String>] = [
        "SNS": ["Topic", "Region", "FilterPolicy"],
        "Api": ["Path", "Method", "RestApiId", "Stage", "TimeoutInMillis", "ResponseTransferMode"],
        "Schedule": ["Schedule", "Enabled", "State", "Name", "Description", "Input", "RetryPolicy", "Target"],
        "CloudWatchEvent": ["Pattern", "EventBusName", "State", "Input", "InputPath", "InputTransformer", "RetryPolicy", "Target"],
        "EventBridgeRule": ["Pattern", "EventBusName", "State", "Input", "InputPath", "InputTransformer", "RetryPolicy", "Target"],
    ]

    var logicalId: String { function + name }

    private var functionRef: Node { .ref(alias ?? function, at: range) }
    private var functionArn: Node { alias.map { .ref($0, at: range) } ?? .getAtt(function, "Arn", at: range) }

    var managedPolicy: String? {
        switch type {
        case "SQS": return "AWSLambdaSQSQueueExecutionRole"
        case "Kinesis": return "AWSLambdaKinesisExecutionRole"
        case "DynamoDB": return "AWSLambdaDynamoDBExecutionRole"
        default: return nil
        }
    }

    func expand(into out: inout GeneratedResources) {
        switch type {
        case "SQS", "Kinesis", "DynamoDB": eventSourceMapping(into: &out)
        case "SNS": snsSubscription(into: &out)
        case "Api": apiPermission(into: &out)
        default: eventsRule(into: &out)
        }
    }

    /// Stream and queue pollers: every property but the source passes to the mapping.
    private func eventSourceMapping(into out: inout GeneratedResources) {
        let sourceKey = type == "SQS" ? "Queue" : "Stream"
        var pairs: [(String, Node)] = []
        for entry in properties.entries {
            if entry.key.name == sourceKey { pairs.append(("EventSourceArn", entry.value)) } else { pairs.append((entry.key.name, entry.value)) }
        }
        pairs.append(("FunctionName", functionRef))
        out.add(logicalId, .resource("AWS::Lambda::EventSourceMapping", pairs, at: range), at: range)
    }

    private func snsSubscription(into out: inout GeneratedResources) {
        let topic = properties["Topic"] ?? .string("", range: range)
        var pairs: [(String, Node)] = [
            ("Endpoint", functionArn),
            ("Protocol", .string("lambda", range: range)),
            ("TopicArn", topic),
        ]
        if let region = properties["Region"] { pairs.append(("Region", region)) }
        if let filter = properties["FilterPolicy"] { pairs.append(("FilterPolicy", filter)) }
        out.add(logicalId, .resource("AWS::SNS::Subscription", pairs, at: range), at: range)
        out.add(logicalId + "Permission", permission(principal: "sns.amazonaws.com", source: topic), at: range)
    }

    /// Schedule, CloudWatchEvent and EventBridgeRule: a rule targeting the function, and the permission.
    private func eventsRule(into out: inout GeneratedResources) {
        var pairs: [(String, Node)] = []
        if type == "Schedule" {
            if let expression = properties["Schedule"] { pairs.append(("ScheduleExpression", expression)) }
            if let enabled = properties["Enabled"] {
                let state = enabled.text == "false" ? "DISABLED" : "ENABLED"
                pairs.append(("State", .string(state, range: enabled.range)))
            }
            if let state = properties["State"] { pairs.append(("State", state)) }
        } else {
            if let pattern = properties["Pattern"] { pairs.append(("EventPattern", pattern)) }
            if let bus = properties["EventBusName"] { pairs.append(("EventBusName", bus)) }
            if let state = properties["State"] { pairs.append(("State", state)) }
        }
        for key in ["Name", "Description"] { if let v = properties[key] { pairs.append((key, v)) } }
        var target: [(String, Node)] = [
            ("Arn", functionArn),
            ("Id", .string(properties["Target"]?["Id"]?.stringValue ?? logicalId + "LambdaTarget", range: range)),
        ]
        if let input = properties["Input"] { target.append(("Input", input)) }
        for key in ["InputPath", "InputTransformer", "RetryPolicy"] { if let v = properties[key] { target.append((key, v)) } }
        pairs.append(("Targets", .list([.object(target, at: range)], range: range)))
        out.add(logicalId, .resource("AWS::Events::Rule", pairs, at: range), at: range)
        out.add(logicalId + "Permission", permission(principal: "events.amazonaws.com", source: .getAtt(logicalId, "Arn", at: range)), at: range)
    }

    static let pathParameter = try! NSRegularExpression(pattern: #"\{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)\}"#)

    /// API Gateway may invoke the function on this route, any stage: `execute-api` ARN with the path's
    /// trailing slash dropped and its parameters as `*`.
    private func apiPermission(into out: inout GeneratedResources) {
        guard let route = apiRoute else { return }
        var path = route.path
        if path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        path = Self.pathParameter.stringByReplacingMatches(in: path, range: NSRange(path.startIndex..., in: path), withTemplate: "*")
        let method = route.method.lowercased() == "any" ? "*" : route.method.uppercased()
        let arn = "arn:\(partition):execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/\(method)\(path)"
        let source = Node.object([("Fn::Sub", .list([
            .string(arn, range: range),
            .object([("__ApiId__", route.apiIdNode), ("__Stage__", .string("*", range: range))], at: range),
        ], range: range))], at: range)
        out.add(LogicalIdHash.named(logicalId + "Permission", route.stageSuffix, ""),
                permission(principal: "apigateway.amazonaws.com", source: source), at: range)
    }

    private func permission(principal: String, source: Node) -> Node {
        .resource("AWS::Lambda::Permission", [
            ("Action", .string("lambda:InvokeFunction", range: range)),
            ("FunctionName", functionRef),
            ("Principal", .string(principal, range: range)),
            ("SourceArn", source),
        ], at: range)
    }
}
