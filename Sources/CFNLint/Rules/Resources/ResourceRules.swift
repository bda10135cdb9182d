import CFNTemplate

/// The namespace of the Resources rules and what more than one of them uses.
enum ResourceRules {
    /// Whether a type the bundled schemas do not know may still deploy: a third-party or private
    /// registry type (its namespace is not AWS's; it may be registered in the account), or any type
    /// when a macro transform rewrites the template first. An unknown `AWS::` type otherwise fails
    /// with CloudFormation's "Unrecognized resource types", so E3006 reports it as an error.
    static func unknownTypeMayBeValid(_ type: String, in template: Template) -> Bool {
        let awsNamespace = type.hasPrefix("AWS::") || type.hasPrefix("Alexa::")
        let macros = template.transformNames.filter { !$0.hasPrefix("AWS::Serverless") && $0 != "AWS::LanguageExtensions" }
        return !awsNamespace || !macros.isEmpty
    }
}
