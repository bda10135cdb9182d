import CFNAWS
import CFNChangeSet
import CFNIntrinsics
import CFNTemplate

/// A running stack as the old side of a change set: its original template (SAM stays SAM), its
/// parameter values, stack name and tags. NoEcho parameters, which DescribeStacks masks as `****`,
/// are unknown rather than the text `****`.
public struct DeployedVersion: Sendable {
    public var stack: DeployedStack
    public var template: Template
    public var context: EvaluationContext
    /// NoEcho parameters whose value the API hides.
    public var maskedParameters: [String]

    /// Loads the stack's template; `base` gives the region, account and registry.
    public init(stack: DeployedStack, base: EvaluationContext) throws(LoadError) {
        self.stack = stack
        let document = try TemplateLoader(limits: LoaderLimits(unknownTags: .longForm))
            .load(bytes: Array(stack.templateBody.utf8), path: Self.path(of: stack.description.name))
        template = Template(document)
        var context = base
        if context.stackName == nil { context.stackName = stack.description.name }
        var values = ParameterValues()
        var masked: [String] = []
        for p in stack.description.parameters {
            let noEcho = template.parameter(p.key)?.node["NoEcho"]?.text.map { $0.lowercased() == "true" } ?? false
            if noEcho && p.value == StackDescription.maskedValue {
                masked.append(p.key)
            } else {
                values.set(p.key, p.value)
            }
        }
        context.parameters = values
        context.unknownParameters = Set(masked)
        context.parameterFlag = "--old-parameter"
        self.context = context
        maskedParameters = masked
    }

    /// The name positions in the deployed template print with: `stack:NAME:line:col`.
    public static func path(of stackName: String) -> String { "stack:\(stackName)" }

    public var tags: [String: String] {
        Dictionary(stack.description.tags, uniquingKeysWith: { _, last in last })
    }

    public var stackVersion: StackVersion {
        StackVersion(template: template, context: context, stackTags: tags)
    }
}
