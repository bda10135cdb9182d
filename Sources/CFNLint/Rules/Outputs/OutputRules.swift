import CFNTemplate

/// The namespace of the Outputs rules and what more than one of them uses.
enum OutputRules {}
