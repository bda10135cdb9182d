/// DescribeStacks' description of one stack.
public struct StackDescription: Sendable {
    public struct Parameter: Sendable, Hashable {
        public var key: String
        /// `****` for a NoEcho parameter: CloudFormation never returns those values.
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    public struct Output: Sendable, Hashable {
        public var key: String
        public var value: String
        public var exportName: String?

        public init(key: String, value: String, exportName: String?) {
            self.key = key
            self.value = value
            self.exportName = exportName
        }
    }

    public var name: String
    public var id: String
    public var status: String
    public var parameters: [Parameter]
    public var tags: [(String, String)]
    public var outputs: [Output]

    public init(name: String, id: String, status: String, parameters: [Parameter], tags: [(String, String)], outputs: [Output]) {
        self.name = name
        self.id = id
        self.status = status
        self.parameters = parameters
        self.tags = tags
        self.outputs = outputs
    }

    /// The mask DescribeStacks puts in place of NoEcho values.
    public static let maskedValue = "****"
}

/// One entry of ListStackResources.
public struct StackResourceSummary: Sendable, Hashable {
    public var logicalId: String
    public var physicalId: String?
    public var type: String
    public var status: String

    public init(logicalId: String, physicalId: String?, type: String, status: String) {
        self.logicalId = logicalId
        self.physicalId = physicalId
        self.type = type
        self.status = status
    }
}

/// A running stack as the CloudFormation API describes it: what `diff --stack`, `plan --stack` and
/// `lint --parameters-from-stack` start from.
public struct DeployedStack: Sendable {
    public var description: StackDescription
    /// The template as submitted (`TemplateStage: Original`), JSON or YAML text.
    public var templateBody: String
    public var resources: [StackResourceSummary]
    /// The stack policy's JSON text; nil when the stack has none.
    public var policyBody: String?

    public init(description: StackDescription, templateBody: String, resources: [StackResourceSummary], policyBody: String?) {
        self.description = description
        self.templateBody = templateBody
        self.resources = resources
        self.policyBody = policyBody
    }

    public var physicalIds: [String: String] {
        var ids: [String: String] = [:]
        for r in resources { if let id = r.physicalId, !id.isEmpty { ids[r.logicalId] = id } }
        return ids
    }
}
