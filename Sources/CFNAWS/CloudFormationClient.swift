import Foundation

/// Read-only access to CloudFormation. `Action` is the whole list of calls this client can make;
/// no initializer takes an action name, so nothing else (no Create/Update/Delete/Execute) can be sent.
public struct CloudFormationClient: Sendable {
    public enum Action: String, Sendable, CaseIterable {
        case getTemplate = "GetTemplate"
        case describeStacks = "DescribeStacks"
        case listStackResources = "ListStackResources"
        case getStackPolicy = "GetStackPolicy"
    }

    public var query: AWSQueryClient
    /// Most ListStackResources pages followed (100 resources each at most; a stack holds at most 500... or
    /// 10,000 with quotas raised).
    public var maxPages = 200

    public init(query: AWSQueryClient) {
        self.query = query
    }

    public init(region: String, credentials: AWSCredentials, endpointURL: String?, timeout: Double = 30,
                retry: RetryPolicy = .standard()) throws(AWSError) {
        query = AWSQueryClient(service: "cloudformation", apiVersion: "2010-05-15",
                               endpoint: try AWSQueryClient.endpoint(service: "cloudformation", region: region, override: endpointURL),
                               region: region, credentials: credentials, timeout: timeout, retry: retry)
    }

    func call(_ action: Action, _ parameters: [(String, String)], stack: String) throws(AWSError) -> XMLElement {
        do {
            return try query.call(action.rawValue, parameters)
        } catch {
            // CloudFormation says "Stack with id NAME does not exist" (ValidationError) for a missing stack.
            if error.code == "ValidationError", error.message.contains("does not exist") {
                throw AWSError(.notFound, "stack '\(stack)' does not exist in \(query.region): check the name, --region and --profile (\(query.endpoint.absoluteString))", code: error.code)
            }
            throw error
        }
    }

    /// DescribeStacks for one stack.
    public func describeStack(_ name: String) throws(AWSError) -> StackDescription {
        let root = try call(.describeStacks, [("StackName", name)], stack: name)
        guard let member = root.path("DescribeStacksResult", "Stacks")?.members.first else {
            throw AWSError(.notFound, "stack '\(name)' does not exist in \(query.region): check the name, --region and --profile")
        }
        return StackDescription(
            name: member.value("StackName") ?? name, id: member.value("StackId") ?? "",
            status: member.value("StackStatus") ?? "",
            parameters: (member["Parameters"]?.members ?? []).compactMap { p in
                p.value("ParameterKey").map { StackDescription.Parameter(key: $0, value: p.value("ParameterValue") ?? "") }
            },
            tags: (member["Tags"]?.members ?? []).compactMap { t in t.value("Key").map { ($0, t.value("Value") ?? "") } },
            outputs: (member["Outputs"]?.members ?? []).compactMap { o in
                o.value("OutputKey").map { StackDescription.Output(key: $0, value: o.value("OutputValue") ?? "", exportName: o.value("ExportName")) }
            })
    }

    /// GetTemplate with TemplateStage=Original: the template as submitted (a SAM template stays SAM).
    public func originalTemplate(_ name: String) throws(AWSError) -> String {
        let root = try call(.getTemplate, [("StackName", name), ("TemplateStage", "Original")], stack: name)
        guard let body = root.path("GetTemplateResult", "TemplateBody")?.text else {
            throw AWSError(.invalidResponse, "GetTemplate for stack '\(name)' answered without a TemplateBody")
        }
        return body
    }

    /// ListStackResources, every page. Entries without a logical id (moto returns some) are dropped.
    public func resources(_ name: String) throws(AWSError) -> [StackResourceSummary] {
        var result: [StackResourceSummary] = []
        var token: String?
        for _ in 0..<maxPages {
            var parameters = [("StackName", name)]
            if let token { parameters.append(("NextToken", token)) }
            let page = try call(.listStackResources, parameters, stack: name).path("ListStackResourcesResult")
            for m in page?["StackResourceSummaries"]?.members ?? [] {
                guard let logicalId = m.value("LogicalResourceId"), !logicalId.isEmpty else { continue }
                result.append(StackResourceSummary(logicalId: logicalId, physicalId: m.value("PhysicalResourceId"),
                                                   type: m.value("ResourceType") ?? "", status: m.value("ResourceStatus") ?? ""))
            }
            token = page?.value("NextToken").flatMap { $0.isEmpty ? nil : $0 }
            if token == nil { return result }
        }
        throw AWSError(.invalidResponse, "ListStackResources for stack '\(name)' returned more than \(maxPages) pages")
    }

    /// GetStackPolicy: the policy's JSON text, nil when the stack has none.
    public func stackPolicy(_ name: String) throws(AWSError) -> String? {
        let body = try call(.getStackPolicy, [("StackName", name)], stack: name).path("GetStackPolicyResult", "StackPolicyBody")?.text
        return body.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    }

    /// Everything a preview needs, in four calls. A stack in REVIEW_IN_PROGRESS (created by a change
    /// set never executed) has no template, which is an error that says so.
    public func deployedStack(_ name: String) throws(AWSError) -> DeployedStack {
        let description = try describeStack(name)
        if description.status == "REVIEW_IN_PROGRESS" {
            throw AWSError(.stackState, "stack '\(name)' is REVIEW_IN_PROGRESS: it was created by a change set that was never executed, so it has no deployed template; execute or delete that change set, or diff two template files")
        }
        return DeployedStack(description: description, templateBody: try originalTemplate(name),
                             resources: try resources(name), policyBody: try stackPolicy(name))
    }
}
