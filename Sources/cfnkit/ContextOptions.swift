import ArgumentParser
import CFNIntrinsics
import CFNSchema

/// The deployment context shared by `resolve`, `graph`, `plan`, `lint` and `diff`: parameter
/// values and pseudo parameters. Reading parameter files is CFNIntrinsics' job; this only parses flags.
struct ContextOptions: ParsableArguments {
    @Option(name: .customLong("parameters"),
            help: ArgumentHelp("Parameter values file: the create-stack list [{\"ParameterKey\": ..., \"ParameterValue\": ...}] or a CodePipeline template configuration {\"Parameters\": {...}}.",
                               valueName: "file"))
    var parametersFile: String?

    @Option(name: .customLong("parameter"),
            help: ArgumentHelp("A parameter value as Key=Value (repeatable; overrides --parameters).", valueName: "Key=Value"))
    var parameterOverrides: [String] = []

    @Option(help: "AWS::Region (default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1).")
    var region: String?

    @Option(name: .customLong("account-id"), help: "AWS::AccountId.")
    var accountId: String = EvaluationContext.defaultAccountId

    @Option(name: .customLong("stack-name"), help: "AWS::StackName (AWS::StackId is derived from it); left symbolic when not given.")
    var stackName: String?

    /// True when the user described a deployment (parameters, region or stack name).
    var isGiven: Bool {
        parametersFile != nil || !parameterOverrides.isEmpty || region != nil || stackName != nil
    }

    /// The context these options describe; a parameters file that can't be read is an error.
    func makeContext(registry: SchemaRegistry = .bundled,
                     parameterPolicy: EvaluationContext.ParameterPolicy = .deploy) throws(EvaluationError) -> EvaluationContext {
        var values = ParameterValues()
        if let parametersFile { values = try ParameterValues.load(path: parametersFile) }
        values = values.merging(try ParameterValues.parseOverrides(parameterOverrides))
        return EvaluationContext(region: region, accountId: accountId, stackName: stackName, parameters: values,
                                 parameterPolicy: parameterPolicy, registry: registry)
    }
}
