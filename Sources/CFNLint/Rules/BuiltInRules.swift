/// Every built-in rule, one family per line. A new family adds its `all` here.
enum BuiltInRules {
    static var all: [any LintRule] {
        var rules: [any LintRule] = []
        rules += TemplateRules.all
        rules += FunctionRules.all
        rules += ParameterRules.all
        rules += ResourceRules.all
        rules += OutputRules.all
        rules += MappingRules.all
        rules += ConditionRules.all
        rules += SecretRules.all
        rules += GraphRules.all
        rules += PropertyRules.all
        rules += ValueRules.all
        rules += ResourceAttributeRules.all
        rules += TypeSpecificRules.all
        rules += EC2AndECSRules.all
        rules += IAMTrustPolicyRules.all
        rules += TaggingRules.all
        rules += [MetadataRules.w4005, ModuleRules.e5001]
        return rules
    }
}
