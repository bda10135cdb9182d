import CFNTemplate
import Foundation

/// The OpenAPI (Swagger 2.0) body SAM writes for a REST API it manages (the implicit API, or an
/// `AWS::Serverless::Api` without `DefinitionBody`/`DefinitionUri`): one `aws_proxy` Lambda
/// integration per `Api` event, wrapped in `Fn::If` where the function has a condition.
struct ManagedApiBody {
    let apiId: String
    let range: SourceRange
    var partition = "aws"

    static func skeleton(at range: SourceRange) -> Node {
        .object([
            ("swagger", .string("2.0", range: range)),
            ("info", .object([("version", .string("1.0", range: range)), ("title", .ref("AWS::StackName", at: range))], at: range)),
            ("paths", .map(Mapping(), range: range)),
        ], at: range)
    }

    /// The body with `routes` added; conditions for paths whose every method is conditional go to `conditions`.
    func adding(_ routes: [ApiRoute], to body: Node, conditions: inout [Mapping.Entry], errors: inout [TransformError]) -> Node {
        guard var top = body.mapping else { return body }
        var paths = top["paths"]?.mapping ?? Mapping()
        var pathConditions: [String: [String?]] = [:]
        for route in routes {
            var item = paths[route.path]?.mapping ?? Mapping()
            let existing = item[route.operation]
            if existing?["x-amazon-apigateway-integration"] != nil || existing?.intrinsic?.name == "Fn::If" {
                errors.append(TransformError("Resource with id [\(route.function)] is invalid. Event with id [\(route.event)] is invalid. API method \"\(route.method.lowercased())\" defined multiple times for path \"\(route.path)\".", at: route.range))
                continue
            }
            var operation = existing?.mapping ?? Mapping()
            let r = route.range
            var uri = Node.object([("Fn::Sub", .string("arn:\(partition):apigateway:${AWS::Region}:lambda:path/\(route.streaming ? "2021-11-15" : "2015-03-31")/functions/\(route.invokeTarget)/\(route.streaming ? "response-streaming-invocations" : "invocations")", range: r))], at: r)
            if let condition = route.condition { uri = CombinedCondition.wrap(uri, in: condition, at: r) }
            var integration: [(String, Node)] = [
                ("type", .string("aws_proxy", range: r)), ("httpMethod", .string("POST", range: r)), ("uri", uri),
            ]
            if route.streaming { integration.append(("responseTransferMode", .string("STREAM", range: r))) }
            if let timeout = route.timeout { integration.append(("timeoutInMillis", timeout)) }
            operation.set("x-amazon-apigateway-integration", .object(integration, at: r))
            if operation["responses"] == nil { operation.set("responses", .map(Mapping(), range: r)) }
            var value = Node.map(operation, range: r)
            if let condition = route.condition { value = CombinedCondition.wrap(value, in: condition, at: r) }
            item.set(route.operation, value)
            paths.set(route.path, .map(item, range: r))
            pathConditions[route.path, default: []].append(route.condition)
        }
        for entry in paths.entries {
            guard let methods = pathConditions[entry.key.name], !methods.contains(where: { $0 == nil }) else { continue }
            let names = Set(methods.compactMap { $0 })
            if names.count == 1, let name = names.first {
                paths.set(entry.key.name, CombinedCondition.wrap(entry.value, in: name, at: entry.value.range))
            } else if names.count > 1 {
                let escaped = entry.key.name.replacingOccurrences(of: "/", with: "SLASH").replacingOccurrences(of: "{", with: "OB").replacingOccurrences(of: "}", with: "CB")
                let name = apiId + escaped + "PathCondition"
                conditions += CombinedCondition.make(names.sorted(), named: name, at: range)
                paths.set(entry.key.name, CombinedCondition.wrap(entry.value, in: name, at: entry.value.range))
            }
        }
        top.set("paths", .map(paths, range: top["paths"]?.range ?? range))
        return .map(top, range: body.range)
    }
}
