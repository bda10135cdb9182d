import CFNTemplate

/// The execution role SAM generates for a function without `Role`: Lambda's trust policy, the basic
/// execution policy, what tracing / VPC / the event sources need, then the function's `Policies`.
struct FunctionRole {
    let function: String
    let properties: Mapping
    let range: SourceRange
    let eventPolicies: [String]
    var partition = "aws"

    func node(tags: Node, errors: inout [TransformError]) -> Node {
        var managed: [Node] = [arn("service-role/AWSLambdaBasicExecutionRole")]
        if properties["Tracing"] != nil { managed.append(arn("AWSXrayWriteOnlyAccess")) }
        if properties["VpcConfig"] != nil { managed.append(arn("service-role/AWSLambdaVPCAccessExecutionRole")) }
        for name in eventPolicies { managed.append(arn("service-role/" + name)) }
        var inline: [Node] = []
        if let policies = properties["Policies"] {
            let items = policies.sequence ?? [policies]
            for (index, item) in items.enumerated() {
                if let name = item.stringValue, item.scalar != nil {
                    managed.append(ManagedPolicies.arn(for: name, partition: partition).map { .string($0, range: item.range) } ?? item)
                } else if let call = item.intrinsic, call.name == "Fn::If",
                          (call.argument.sequence ?? []).dropFirst().contains(where: { $0.mapping != nil && $0.intrinsic == nil }) {
                    errors.append(.unsupported("policy templates or inline policies inside Fn::If", at: item.range))
                } else if item.intrinsic != nil {
                    managed.append(item)
                } else if let mapping = item.mapping, mapping["Statement"] != nil {
                    inline.append(.object([
                        ("PolicyDocument", item),
                        ("PolicyName", .string("\(function)RolePolicy\(index)", range: item.range)),
                    ], at: item.range))
                } else {
                    errors.append(.unsupported("this kind of policy (policy templates)", at: item.range))
                }
            }
        }
        var seen = Set<String>()
        managed = managed.filter { node in node.scalar == nil || seen.insert(node.text ?? "").inserted }
        var role: [(String, Node)] = [
            ("AssumeRolePolicyDocument", properties["AssumeRolePolicyDocument"] ?? trust),
            ("ManagedPolicyArns", .list(managed, range: range)),
        ]
        if let dlq = properties["DeadLetterQueue"], let target = dlq["TargetArn"],
           let action = ["SNS": "sns:Publish", "SQS": "sqs:SendMessage"][dlq["Type"]?.stringValue ?? ""] {
            // The function must be allowed to send to its dead-letter target.
            inline.append(.object([
                ("PolicyDocument", .object([
                    ("Statement", .list([.object([
                        ("Action", .string(action, range: dlq.range)),
                        ("Effect", .string("Allow", range: dlq.range)),
                        ("Resource", target),
                    ], at: dlq.range)], range: dlq.range)),
                    ("Version", .string("2012-10-17", range: dlq.range)),
                ], at: dlq.range)),
                ("PolicyName", .string("DeadLetterQueuePolicy", range: dlq.range)),
            ], at: dlq.range))
        }
        if !inline.isEmpty { role.append(("Policies", .list(inline, range: range))) }
        if let boundary = properties["PermissionsBoundary"] { role.append(("PermissionsBoundary", boundary)) }
        if let path = properties["RolePath"] { role.append(("Path", path)) }
        role.append(("Tags", tags))
        return .resource("AWS::IAM::Role", role, at: range)
    }

    private func arn(_ path: String) -> Node { .string("arn:\(partition):iam::aws:policy/\(path)", range: range) }

    private var trust: Node {
        .object([
            ("Statement", .list([.object([
                ("Action", .list([.string("sts:AssumeRole", range: range)], range: range)),
                ("Effect", .string("Allow", range: range)),
                ("Principal", .object([("Service", .list([.string("lambda.amazonaws.com", range: range)], range: range))], at: range)),
            ], at: range)], range: range)),
            ("Version", .string("2012-10-17", range: range)),
        ], at: range)
    }
}
