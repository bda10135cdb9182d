import CFNTemplate

/// The namespace of the Functions rules and what more than one of them uses.
enum FunctionRules {
    static let topic = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n"
}
